package dev.parley.ua.media.audio;

/**
 * One codec instance of one call, between 20 ms frames of 48 kHz PCM and RTP payloads. Not
 * thread-safe (encoders, decoders and resamplers keep state): the stream's tick owns it.
 */
public interface AudioCodec {
    /** The RTP clock rate (8000 for G.711, 48000 for Opus, RFC 7587 §4.1). */
    int clockRate();

    /** RTP timestamp units of one 20 ms frame. */
    default int timestampsPerFrame() {
        return clockRate() / 50;
    }

    /** Encodes one frame ({@link AudioSource#FRAME} samples); returns the payload length. */
    int encode(short[] frame, byte[] out, int off);

    /** Decodes a payload into {@code frame}; returns the 48 kHz samples written, or -1 for a bad payload. */
    int decode(byte[] payload, int off, int len, short[] frame);
}
