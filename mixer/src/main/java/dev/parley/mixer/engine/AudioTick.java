package dev.parley.mixer.engine;

import dev.parley.media.jitter.Playout;
import dev.parley.media.level.AudioLevel;
import dev.parley.media.mix.MixMinusOne;
import dev.parley.media.rtp.RtpHeaderWriter;
import dev.parley.mixer.audio.AudioCodec;
import java.util.Optional;

/**
 * One conference's 20 ms mix at its mix rate: take one frame from each sending, unmuted audio
 * endpoint's jitter buffer, then send every receiving audio endpoint the N-1 sum (media-core's
 * {@link MixMinusOne}, soft-clipped) encoded in its own codec, as RTP with the mixer's SSRC for
 * that leg (RFC 3550 §7.1: a mixer is a new synchronisation source).
 */
final class AudioTick {
    private static final int MAX_FRAME = AudioCodec.WIDEBAND / AudioCodec.FRAMES_PER_SECOND;

    private final MediaCounters counters;
    private final MixMinusOne mix = new MixMinusOne(MAX_FRAME);
    private final short[] out = new short[MAX_FRAME];
    private final short[] scratch = new short[MAX_FRAME + 1];
    private final byte[] packet = new byte[1500];

    AudioTick(MediaCounters counters) {
        this.counters = counters;
    }

    void run(EndpointState[] endpoints, int mixRate, long nowNanos) {
        int frameSamples = mixRate / AudioCodec.FRAMES_PER_SECOND;
        mix.reset(frameSamples);
        boolean anyAudio = false;
        for (EndpointState e : endpoints) {
            AudioLeg leg = e.audio();
            if (leg == null) {
                continue;
            }
            anyAudio = true;
            leg.contributed = false;
            e.digits.poll(nowNanos);
            Playout playout = leg.playout(counters);
            boolean sounding = playout == Playout.PLAYED || playout == Playout.CONCEALED;
            if (sounding && !e.spec().muted() && e.spec().direction().endpointSends()) {
                mix.add(leg.frame);
                leg.contributed = true;
                e.audioLevel = AudioLevel.of(leg.frame, 0, frameSamples);
            } else {
                e.audioLevel = AudioLevel.SILENCE;
            }
        }
        if (!anyAudio) {
            return;
        }
        counters.add(MediaCounters.Count.MIX_TICKS);
        for (EndpointState e : endpoints) {
            AudioLeg leg = e.audio();
            if (leg != null && e.spec().direction().endpointReceives()) {
                sendMix(e, leg);
            }
        }
    }

    private void sendMix(EndpointState to, AudioLeg leg) {
        Optional<AudioCodec> codec = leg.sendCodec();
        // The RTP clock advances whether or not this tick's packet can go out (RFC 3550 §5.1).
        long timestamp = to.outTimestamp;
        if (codec.isEmpty()) {
            counters.drop(MixerDrop.UNSUPPORTED_CODEC);
            return;
        }
        to.outTimestamp = (to.outTimestamp + codec.get().timestampsPerFrame()) & 0xFFFF_FFFFL;
        mix.mixFor(leg.contributed ? leg.frame : null, out);
        int header = RtpHeaderWriter.writeFixed(
                packet, 0, false, to.spec().sendFormat().payloadType(), to.outSequence, timestamp, to.outSsrc());
        int payload = leg.encode(out, scratch, packet, header);
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
