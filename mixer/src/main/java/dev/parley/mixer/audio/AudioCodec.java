package dev.parley.mixer.audio;

/**
 * A narrowband audio codec as the mixer uses it: 16-bit linear PCM at 8 kHz on one side, RTP
 * payload bytes on the other. Implementations are stateless or owned by one worker thread.
 */
public interface AudioCodec {
    /** Samples in one 20 ms frame at 8 kHz. */
    int FRAME_SAMPLES = 160;

    /** The RTP clock rate of the payload (RFC 3551 §4.5). */
    int clockRate();

    /** Payload bytes that carry {@code samples} samples. */
    int payloadBytes(int samples);

    /** Samples carried by {@code payloadBytes} bytes of payload. */
    int samples(int payloadBytes);

    /** Decodes {@code len} payload bytes into {@code pcm} from {@code pcmOff}. */
    void decode(byte[] payload, int off, int len, short[] pcm, int pcmOff);

    /** Encodes {@code samples} samples and returns the payload length written at {@code out[outOff]}. */
    int encode(short[] pcm, int samples, byte[] out, int outOff);
}
