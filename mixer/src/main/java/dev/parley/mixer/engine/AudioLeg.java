package dev.parley.mixer.engine;

import dev.parley.media.DropReason;
import dev.parley.media.jitter.JitterBuffer;
import dev.parley.media.jitter.JitterBufferConfig;
import dev.parley.media.resample.Resampler;
import dev.parley.mixer.audio.AudioCodec;
import dev.parley.mixer.audio.AudioCodecs;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One audio endpoint's media at its conference's mix rate (8 kHz, or 16 kHz when anyone in the
 * room is wideband): a codec per negotiated payload type, media-core resamplers between each
 * codec's rate and the mix rate, the jitter buffer of 20 ms mix-rate frames, and this tick's
 * frame. Made again when the endpoint's formats or the conference's mix rate change. Owned by the
 * worker thread.
 */
final class AudioLeg {
    /** Longest decoded packet the mixer takes: 120 ms at 16 kHz (the longest Opus packet). */
    static final int MAX_DECODED = 120 * AudioCodec.WIDEBAND / 1000;

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
    /** Extended sequence number of the last packet decoded by a stateful decoder; -1 before. */
    private long lastDecoded = -1;

    AudioLeg(EndpointSpec spec, int mixRate) {
        this.mixRate = mixRate;
        this.frameSamples = mixRate / AudioCodec.FRAMES_PER_SECOND;
        this.frame = new short[frameSamples];
        Resampler up = null;
        for (PayloadFormat f : spec.formats()) {
            Optional<AudioCodec> codec = AudioCodecs.create(f.encoding(), f.clockRate());
            if (codec.isEmpty()) {
                continue;
            }
            codecByType[f.payloadType()] = codec.get();
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
        this.jitter = new JitterBuffer(
                new JitterBufferConfig(frameSamples, clock / AudioCodec.FRAMES_PER_SECOND, clock, 2, 10, 50, 3));
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
        if (codec.stateful()) {
            // RFC 3550 A.1: sequence numbers wrap; a step back of under half the space is old.
            long extended = lastDecoded < 0 ? sequence : nearest(lastDecoded, sequence);
            if (lastDecoded >= 0 && extended <= lastDecoded) {
                counters.drop(MixerDrop.OUT_OF_ORDER);
                return;
            }
            lastDecoded = extended;
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

    /** The extension of 16-bit {@code sequence} nearest to the extended {@code last}. */
    private static long nearest(long last, int sequence) {
        long candidate = (last & ~0xFFFFL) | sequence;
        if (candidate - last > 0x8000) {
            candidate -= 0x10000;
        } else if (last - candidate > 0x8000) {
            candidate += 0x10000;
        }
        return candidate;
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
