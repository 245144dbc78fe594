package dev.parley.mixer.engine;

import dev.parley.media.jitter.Playout;
import dev.parley.media.level.AudioLevel;
import dev.parley.media.rtp.RtpHeaderWriter;
import dev.parley.mixer.audio.AudioCodec;
import dev.parley.mixer.audio.NMinusOneMix;
import java.util.Optional;

/**
 * One conference's 20 ms mix: take one frame from each sending, unmuted audio endpoint's jitter
 * buffer, then send every receiving audio endpoint the N-1 sum encoded in its own codec, as RTP
 * with the mixer's SSRC for that leg (RFC 3550 §7.1: a mixer is a new synchronisation source).
 */
final class AudioTick {
    private static final int FRAME = AudioCodec.FRAME_SAMPLES;

    private final MediaCounters counters;
    private final NMinusOneMix mix = new NMinusOneMix();
    private final short[] out = new short[FRAME];
    private final byte[] packet = new byte[1500];

    AudioTick(MediaCounters counters) {
        this.counters = counters;
    }

    void run(EndpointState[] endpoints, long nowNanos) {
        mix.reset();
        boolean anyAudio = false;
        for (EndpointState e : endpoints) {
            e.contributed = false;
            if (e.spec().kind() != MediaKind.AUDIO) {
                continue;
            }
            anyAudio = true;
            e.digits.poll(nowNanos);
            Playout playout = e.jitter.poll(e.frame, 0);
            boolean sounding = playout == Playout.PLAYED || playout == Playout.CONCEALED;
            if (sounding && !e.spec().muted() && e.spec().direction().endpointSends()) {
                mix.add(e.frame);
                e.contributed = true;
                e.audioLevel = AudioLevel.of(e.frame, 0, FRAME);
            } else {
                e.audioLevel = AudioLevel.SILENCE;
            }
        }
        if (!anyAudio) {
            return;
        }
        counters.add(MediaCounters.Count.MIX_TICKS);
        for (EndpointState e : endpoints) {
            if (e.spec().kind() == MediaKind.AUDIO && e.spec().direction().endpointReceives()) {
                sendMix(e);
            }
        }
    }

    private void sendMix(EndpointState to) {
        Optional<AudioCodec> codec = to.sendCodec();
        // The RTP clock advances whether or not this tick's packet can go out (RFC 3550 §5.1).
        long timestamp = to.outTimestamp;
        if (codec.isEmpty()) {
            counters.drop(MixerDrop.UNSUPPORTED_CODEC);
            return;
        }
        to.outTimestamp = (to.outTimestamp + codec.get().timestampsPerFrame()) & 0xFFFF_FFFFL;
        mix.mixFor(to.contributed ? to.frame : null, out);
        int header = RtpHeaderWriter.writeFixed(
                packet, 0, false, to.spec().sendFormat().payloadType(), to.outSequence, timestamp, to.outSsrc());
        int payload = codec.get().encode(out, FRAME, packet, header, packet.length - header);
        if (payload < 0) {
            counters.drop(MixerDrop.UNDECODABLE);
            return;
        }
        int len = header + payload;
        Optional<MixerDrop> failed = to.sendRtp(packet, 0, len);
        if (failed.isPresent()) {
            counters.drop(failed.get());
            return;
        }
        to.outSequence = (to.outSequence + 1) & 0xFFFF;
        to.packetsSent++;
        to.octetsSent += payload;
        counters.add(MediaCounters.Count.RTP_OUT);
    }
}
