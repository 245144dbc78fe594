package dev.parley.mixer.audio;

/**
 * An audio codec as the mixer uses it: 16-bit linear PCM at the mix rate of 8 kHz on one side,
 * RTP payloads on the other. Instances may keep state (Opus does), so each endpoint gets its own
 * from {@link AudioCodecs} and only its worker's thread uses it.
 */
public interface AudioCodec {
    /** The mix rate, in samples per second. */
    int MIX_RATE = 8000;
    /** Samples in one 20 ms frame at the mix rate. */
    int FRAME_SAMPLES = 160;

    /** The RTP clock rate of the payload (RFC 3551 §4.5; 48000 for Opus, RFC 7587 §4.1). */
    int clockRate();

    /** RTP timestamp units in one 20 ms frame. */
    default int timestampsPerFrame() {
        return clockRate() / 50;
    }

    /**
     * Decodes one payload into {@code pcm} from index 0, at the mix rate.
     *
     * @return samples written, or -1 when the payload cannot be decoded or exceeds {@code pcm}
     */
    int decode(byte[] payload, int off, int len, short[] pcm);

    /**
     * Encodes {@code samples} samples of {@code pcm} (at the mix rate) at {@code out[outOff]}.
     *
     * @return the payload length, or -1 when the codec refused the frame
     */
    int encode(short[] pcm, int samples, byte[] out, int outOff, int maxBytes);
}
