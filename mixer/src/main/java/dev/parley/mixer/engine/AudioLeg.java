package dev.parley.mixer.engine;

import dev.parley.media.DropReason;
import dev.parley.media.jitter.JitterBuffer;
import dev.parley.media.jitter.JitterBufferConfig;
import dev.parley.media.jitter.PacketJitterBuffer;
import dev.parley.media.jitter.Playout;
import dev.parley.media.resample.Resampler;
import dev.parley.mixer.audio.AudioCodec;
import dev.parley.mixer.audio.AudioCodecs;
import dev.parley.mixer.audio.OpusCodecs;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One audio endpoint's media at its conference's mix rate (8 kHz, or 16 kHz when anyone in the
 * room is wideband): a codec per negotiated payload type, media-core resamplers between each
 * codec's rate and the mix rate, a jitter buffer, and this tick's frame. A leg whose formats are
 * all G.711 decodes packets as they arrive into a jitter buffer of 20 ms mix-rate frames; a leg
 * with a decoder that keeps state (G.722, Opus) buffers the packets themselves (media-core's
 * {@link PacketJitterBuffer}, the same adaptive playout) and decodes at playout, in timestamp
 * order, with the decoder's own concealment (Opus PLC) for a missing packet, so reordered packets
 * are played rather than dropped. Made again when the endpoint's formats or the conference's mix
 * rate change. Owned by the worker thread.
 */
final class AudioLeg implements AutoCloseable {
    /** Longest decoded packet the mixer takes: 120 ms at 16 kHz (the longest Opus packet). */
    static final int MAX_DECODED = 120 * AudioCodec.WIDEBAND / 1000;
    /** Largest audio payload buffered: a 120 ms G.722 packet is 960 bytes, Opus at most 1,275 per frame. */
    static final int MAX_PAYLOAD = 1500;
    /** Normalised correlation above which the last frame counts as periodic for concealment. */
    private static final double PERIODIC = 0.9;
    /** Missing frames covered by concealment before silence (both buffers). */
    private static final int CONCEAL_FRAMES = 3;

    final int mixRate;
    final int frameSamples;
    final JitterBuffer jitter;
    /** This tick's frame, at the mix rate. */
    final short[] frame;
    /** Whether {@link #frame} went into this tick's mix. */
    boolean contributed;

    private final @Nullable AudioCodec[] codecByType = new AudioCodec[128];
    private final @Nullable Resampler[] toMixByType = new Resampler[128];
    private final Optional<AudioCodec> sendCodec;
    private final @Nullable Resampler fromMix;
    /** Packets before their decoder; null when every format decodes each packet on its own (G.711). */
    private final @Nullable PacketJitterBuffer packets;
    // Playout-time decoding of the packet buffer's packets: scratch, and the frames of a packet
    // longer than 20 ms still to play.
    private final byte[] payload = new byte[MAX_PAYLOAD];
    private final short[] decoded = new short[MAX_DECODED + 1];
    private final short[] atMixRate = new short[MAX_DECODED * 2 + 1];
    private final short[] last;
    private short[] pending = atMixRate;
    private int pendingAt;
    private int pendingFrames;
    private int concealRun;
    /** The pitch period the current concealment repeats, in samples. */
    private int period = 1;

    private @Nullable AudioCodec lastCodec;

    AudioLeg(EndpointSpec spec, int mixRate, OpusCodecs opus) {
        this.mixRate = mixRate;
        this.frameSamples = mixRate / AudioCodec.FRAMES_PER_SECOND;
        this.frame = new short[frameSamples];
        this.last = new short[frameSamples];
        Resampler up = null;
        boolean stateful = false;
        for (PayloadFormat f : spec.formats()) {
            Optional<AudioCodec> codec = AudioCodecs.create(f.encoding(), f.clockRate(), opus);
            if (codec.isEmpty()) {
                continue;
            }
            codecByType[f.payloadType()] = codec.get();
            stateful |= codec.get().stateful();
            if (codec.get().sampleRate() != mixRate) {
                // One resampler per input rate, shared by the payload types of that rate.
                if (up == null || up.inputRate() != codec.get().sampleRate()) {
                    up = new Resampler(codec.get().sampleRate(), mixRate, MAX_DECODED);
                }
                toMixByType[f.payloadType()] = up;
            }
        }
        PayloadFormat send = spec.sendFormat();
        AudioCodec sender = codecByType[send.payloadType()];
        this.sendCodec = Optional.ofNullable(sender);
        this.fromMix = sender == null || sender.sampleRate() == mixRate
                ? null
                : new Resampler(mixRate, sender.sampleRate(), frameSamples);
        // The jitter buffer counts in the RTP clock of the stream (RFC 3550 §5.1).
        int clock = send.clockRate();
        JitterBufferConfig config = new JitterBufferConfig(
                frameSamples, clock / AudioCodec.FRAMES_PER_SECOND, clock, 2, 10, 50, CONCEAL_FRAMES);
        this.jitter = new JitterBuffer(config);
        this.packets = stateful ? new PacketJitterBuffer(config, MAX_PAYLOAD) : null;
    }

    /** Frees the codecs' native state (libopus); the leg is not used again. */
    @Override
    public void close() {
        for (AudioCodec codec : codecByType) {
            if (codec != null) {
                codec.close();
            }
        }
    }

    /** True when any of the formats decodes to more than 8 kHz, so the room mixes at 16 kHz. */
    static boolean wideband(EndpointSpec spec) {
        for (PayloadFormat f : spec.formats()) {
            if (AudioCodecs.sampleRate(f.encoding(), f.clockRate()) > AudioCodec.NARROWBAND) {
                return true;
            }
        }
        return false;
    }

    @Nullable
    AudioCodec decoder(int payloadType) {
        return codecByType[payloadType];
    }

    Optional<AudioCodec> sendCodec() {
        return sendCodec;
    }

    /**
     * Decodes one payload, brings it to the mix rate and queues its 20 ms frames; counts what it
     * refuses. {@code decoded} and {@code mixed} are the caller's scratch, {@link #MAX_DECODED}
     * samples and more.
     */
    void receive(
            AudioCodec codec,
            int payloadType,
            byte[] buf,
            int payload,
            int length,
            int sequence,
            long timestamp,
            long nowNanos,
            short[] decoded,
            short[] mixed,
            MediaCounters counters) {
        PacketJitterBuffer buffered = packets;
        if (buffered != null) {
            DropReason refused = buffered.put(timestamp, (byte) payloadType, buf, payload, length, nowNanos);
            if (refused != DropReason.NONE) {
                counters.drop(refused);
            }
            return;
        }
        int samples = codec.decode(buf, payload, length, decoded);
        if (samples < 0) {
            counters.drop(MixerDrop.UNDECODABLE);
            return;
        }
        if (samples == 0 || samples % codec.samplesPerFrame() != 0) {
            counters.drop(MixerDrop.UNSUPPORTED_FRAME_SIZE);
            return;
        }
        Resampler up = toMixByType[payloadType];
        short[] pcm = decoded;
        if (up != null) {
            samples = up.process(decoded, 0, samples, mixed, 0);
            pcm = mixed;
        }
        int perFrame = codec.timestampsPerFrame();
        for (int f = 0; (f + 1) * frameSamples <= samples; f++) {
            long frameTimestamp = (timestamp + (long) f * perFrame) & 0xFFFF_FFFFL;
            DropReason refused = jitter.put(frameTimestamp, pcm, f * frameSamples, nowNanos);
            if (refused != DropReason.NONE) {
                counters.drop(refused);
            }
        }
    }

    /**
     * This tick's frame into {@link #frame}: from the frame buffer, or from the packet buffer
     * decoded now (the rest of a longer packet on the next ticks; the decoder's concealment, or
     * the last frame faded, for a missing one).
     */
    Playout playout(MediaCounters counters) {
        PacketJitterBuffer buffered = packets;
        if (buffered == null) {
            return jitter.poll(frame, 0);
        }
        if (pendingFrames > 0) {
            System.arraycopy(pending, pendingAt, frame, 0, frameSamples);
            pendingAt += frameSamples;
            pendingFrames--;
            return Playout.PLAYED;
        }
        Playout playout = buffered.poll(payload, 0);
        if (playout == Playout.PLAYED) {
            int payloadType = buffered.tag() & 0x7F;
            AudioCodec codec = codecByType[payloadType];
            int samples = codec == null ? -1 : codec.decode(payload, 0, buffered.length(), decoded);
            if (codec == null || samples <= 0 || samples % codec.samplesPerFrame() != 0) {
                counters.drop(samples == 0 || samples > 0 ? MixerDrop.UNSUPPORTED_FRAME_SIZE : MixerDrop.UNDECODABLE);
                return conceal();
            }
            lastCodec = codec;
            int atMix = toMixRate(payloadType, samples);
            int frames = atMix / frameSamples;
            buffered.playedFrames(frames);
            System.arraycopy(pending, 0, frame, 0, frameSamples);
            if (concealRun > 0) {
                // Back after a loss: cross-fade from the concealment's waveform into the decoded
                // one over the frame, as G.711 Appendix I does at the first good frame, so the
                // seam (and a decoder's own recovery from its concealment) is not heard as a click.
                blendFromConcealment();
            }
            System.arraycopy(frame, 0, last, 0, frameSamples);
            pendingAt = frameSamples;
            pendingFrames = frames - 1;
            concealRun = 0;
            return Playout.PLAYED;
        }
        if (playout == Playout.CONCEALED) {
            return conceal();
        }
        java.util.Arrays.fill(frame, (short) 0);
        return playout;
    }

    /** Brings {@code samples} decoded samples to the mix rate into {@link #pending}; how many there are. */
    private int toMixRate(int payloadType, int samples) {
        Resampler up = toMixByType[payloadType];
        if (up == null) {
            pending = decoded;
            return samples;
        }
        pending = atMixRate;
        return up.process(decoded, 0, samples, atMixRate, 0);
    }

    /**
     * A missing packet: the last frame's waveform goes on, one pitch period of it repeated from where it ended (ITU-T
     * G.711 Appendix I's idea, without its overlap-add), faded over the concealment frames, then
     * silence. The decoder is not run for the gap: with concentus, Opus's own concealment and the
     * frame decoded after it lost the tone a listener had (LossAndJitterTest), while the next
     * packet decoded from the state before the gap and cross-faded in keeps it.
     */
    private Playout conceal() {
        concealRun++;
        if (concealRun == 1) {
            period = pitchPeriod(last, frameSamples);
        }
        int numerator = Math.max(0, CONCEAL_FRAMES + 1 - concealRun);
        for (int i = 0; i < frameSamples; i++) {
            frame[i] = (short) (continued(concealRun - 1, i) * numerator / (CONCEAL_FRAMES + 1));
        }
        return numerator > 0 ? Playout.CONCEALED : Playout.SILENCE;
    }

    /** The first frame after a loss, faded in over the concealment's next frame faded out. */
    private void blendFromConcealment() {
        int numerator = Math.max(0, CONCEAL_FRAMES + 1 - concealRun);
        for (int i = 0; i < frameSamples; i++) {
            int carried = continued(concealRun, i) * numerator / (CONCEAL_FRAMES + 1);
            frame[i] = (short) ((carried * (frameSamples - i) + frame[i] * i) / frameSamples);
        }
    }

    /**
     * Sample {@code i} of concealment frame {@code index} (0: the first missing one): the last
     * played frame's final {@link #period} samples, repeated on from where the frame ended.
     */
    private int continued(int index, int i) {
        return last[frameSamples - period + (int) (((long) index * frameSamples + i) % period)];
    }

    /**
     * The lag, between 2.5 ms and half the frame, at which the end of {@code pcm} best matches
     * itself (normalised cross-correlation): the period a voice or tone repeats with. When no lag
     * matches well (a mixture, noise), the whole frame: it is then repeated as it was.
     */
    static int pitchPeriod(short[] pcm, int n) {
        int min = Math.max(1, n / 8);
        int max = n / 2;
        int best = max;
        double bestScore = -2;
        for (int lag = min; lag <= max; lag++) {
            double xy = 0;
            double xx = 0;
            double yy = 0;
            for (int i = n - max; i < n; i++) {
                double x = pcm[i];
                double y = pcm[i - lag];
                xy += x * y;
                xx += x * x;
                yy += y * y;
            }
            double score = xx == 0 || yy == 0 ? 0 : xy / Math.sqrt(xx * yy);
            if (score > bestScore + 1e-9) {
                bestScore = score;
                best = lag;
            }
        }
        return bestScore >= PERIODIC ? best : n;
    }

    /**
     * Encodes one mix frame ({@link #frameSamples} samples at the mix rate) in the send codec at
     * {@code out[off]}; the payload length, or -1 when there is no send codec or it refused.
     * {@code scratch} holds a frame at the codec's rate.
     */
    int encode(short[] mix, short[] scratch, byte[] out, int off) {
        if (sendCodec.isEmpty()) {
            return -1;
        }
        short[] pcm = mix;
        int samples = frameSamples;
        if (fromMix != null) {
            samples = fromMix.process(mix, 0, frameSamples, scratch, 0);
            pcm = scratch;
        }
        return sendCodec.get().encode(pcm, samples, out, off, out.length - off);
    }
}
