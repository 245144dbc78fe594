package dev.parley.media.g711;

/**
 * G.711 µ-law (ITU-T G.711 §3, table 2a), table-driven: decode through a 256-entry table of
 * 16-bit linear values, encode through a 16384-entry table indexed by the sample's top 14 bits,
 * whose decision thresholds lie midway between neighbouring reconstruction values. Code words
 * are transmitted with all bits inverted, so 0xFF is +0 and 0x7F is -0.
 */
public final class MuLaw {
    private static final int BIAS = 0x84;
    private static final short[] DECODE = new short[256];
    private static final byte[] ENCODE = new byte[16384];

    static {
        for (int code = 0; code < 256; code++) {
            DECODE[code] = (short) expand(code);
        }
        CompandingTables.fillEncodeTable(ENCODE, DECODE, 0xFF);
    }

    private MuLaw() {}

    /** The 16-bit linear value of one µ-law code word. */
    public static short decode(byte code) {
        return DECODE[code & 0xFF];
    }

    /** The µ-law code word nearest to a 16-bit linear sample. */
    public static byte encode(short sample) {
        return ENCODE[(sample + 32768) >> 2];
    }

    /** Decodes {@code count} code words into 16-bit samples. */
    public static void decode(byte[] in, int inOff, short[] out, int outOff, int count) {
        for (int i = 0; i < count; i++) {
            out[outOff + i] = DECODE[in[inOff + i] & 0xFF];
        }
    }

    /** Encodes {@code count} 16-bit samples into code words. */
    public static void encode(short[] in, int inOff, byte[] out, int outOff, int count) {
        for (int i = 0; i < count; i++) {
            out[outOff + i] = ENCODE[(in[inOff + i] + 32768) >> 2];
        }
    }

    /** G.711 µ-law expansion of one code word to a 14-bit value scaled to 16 bits. */
    private static int expand(int code) {
        int inverted = ~code & 0xFF;
        int magnitude = (((inverted & 0x0F) << 3) + BIAS) << ((inverted & 0x70) >> 4);
        return (inverted & 0x80) != 0 ? BIAS - magnitude : magnitude - BIAS;
    }
}
