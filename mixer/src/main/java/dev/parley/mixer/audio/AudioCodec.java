package dev.parley.mixer.audio;

/**
 * An audio codec as the mixer uses it: 16-bit linear PCM at the codec's {@link #sampleRate} on
 * one side, RTP payloads on the other. The mixer resamples between that rate and the
 * conference's mix rate. Instances may keep state (G.722 and Opus do), so each endpoint gets its
 * own from {@link AudioCodecs} and only its worker's thread uses it.
 */
public interface AudioCodec extends AutoCloseable {
    /** Narrowband mix and PCM rate (G.711). */
    int NARROWBAND = 8000;
    /** Wideband mix and PCM rate (G.722, Opus as the mixer uses it). */
    int WIDEBAND = 16000;
    /** Frames per second: the mix runs in 20 ms frames. */
    int FRAMES_PER_SECOND = 50;

    /**
     * The RTP clock rate of the payload (RFC 3551 §4.5): 8000 for G.711 and, for historic
     * reasons, for G.722 although it samples at 16 kHz (§4.5.2); 48000 for Opus (RFC 7587 §4.1).
     */
    int clockRate();

    /** The rate of the PCM that {@link #decode} writes and {@link #encode} reads. */
    int sampleRate();

    /**
     * Whether decoding keeps state from packet to packet (ADPCM, Opus), so packets must reach
     * the decoder in sequence order; G.711 decodes each byte on its own.
     */
    default boolean stateful() {
        return true;
    }

    /** RTP timestamp units in one 20 ms frame. */
    default int timestampsPerFrame() {
        return clockRate() / FRAMES_PER_SECOND;
    }

    /** PCM samples in one 20 ms frame at the codec's sample rate. */
    default int samplesPerFrame() {
        return sampleRate() / FRAMES_PER_SECOND;
    }

    /**
     * Decodes one payload into {@code pcm} from index 0, at the codec's sample rate.
     *
     * @return samples written, or -1 when the payload cannot be decoded or exceeds {@code pcm}
     */
    int decode(byte[] payload, int off, int len, short[] pcm);

    /**
     * Encodes {@code samples} samples of {@code pcm} (at the codec's sample rate) at {@code
     * out[outOff]}.
     *
     * @return the payload length, or -1 when the codec refused the frame
     */
    int encode(short[] pcm, int samples, byte[] out, int outOff, int maxBytes);

    /**
     * Frees what the codec holds outside the Java heap (native libopus's encoder and decoder);
     * nothing for the others. Called when the endpoint's leg goes; idempotent.
     */
    @Override
    default void close() {}
}
