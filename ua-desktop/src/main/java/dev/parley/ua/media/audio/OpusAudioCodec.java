package dev.parley.ua.media.audio;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * Opus (RFC 6716, in RTP per RFC 7587) through concentus: 48 kHz mono, VoIP mode, 32 kbit/s,
 * encoder complexity 3 (pure-Java encoding at 10 costs some 5 ms per 20 ms frame on a loaded
 * 2-core host; 3 keeps speech clear at a third of that).
 */
final class OpusAudioCodec implements AudioCodec {
    static final int BITRATE = 32_000;
    static final int COMPLEXITY = 3;
    /** The longest Opus packet, 120 ms (RFC 6716 §3.2.5), at 48 kHz. */
    private static final int MAX_DECODED = 5760;

    private final OpusEncoder encoder;
    private final OpusDecoder decoder;
    private final short[] wide = new short[MAX_DECODED];

    OpusAudioCodec() {
        try {
            encoder = new OpusEncoder(AudioSource.RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
            decoder = new OpusDecoder(AudioSource.RATE, 1);
        } catch (OpusException e) {
            throw new IllegalStateException("concentus refused 48 kHz mono", e);
        }
        encoder.setBitrate(BITRATE);
        encoder.setComplexity(COMPLEXITY);
    }

    @Override
    public int clockRate() {
        return 48_000;
    }

    @Override
    public int encode(short[] frame, byte[] out, int off) {
        try {
            return encoder.encode(frame, 0, AudioSource.FRAME, out, off, out.length - off);
        } catch (OpusException | RuntimeException e) {
            return -1;
        }
    }

    @Override
    public int decode(byte[] payload, int off, int len, short[] frame) {
        try {
            int n = decoder.decode(payload, off, len, wide, 0, MAX_DECODED, false);
            if (n != AudioSource.FRAME) {
                return -1;
            }
            System.arraycopy(wide, 0, frame, 0, n);
            return n;
        } catch (OpusException | RuntimeException e) {
            return -1;
        }
    }
}
