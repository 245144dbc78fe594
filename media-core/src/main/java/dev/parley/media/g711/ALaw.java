package dev.parley.media.g711;

/**
 * G.711 A-law (ITU-T G.711 §2, table 1a), table-driven: decode through a 256-entry table of
 * 16-bit linear values, encode through a 16384-entry table indexed by the sample's top 14 bits,
 * whose decision thresholds lie midway between neighbouring reconstruction values. Even bits of
 * the code word are inverted on the line (XOR 0x55), so 0xD5 is the smallest positive value.
 */
public final class ALaw {
    private static final short[] DECODE = new short[256];
    private static final byte[] ENCODE = new byte[16384];

    static {
        for (int code = 0; code < 256; code++) {
            DECODE[code] = (short) expand(code);
        }
        CompandingTables.fillEncodeTable(ENCODE, DECODE, 0xD5);
    }

    private ALaw() {}

    /** The 16-bit linear value of one A-law code word. */
    public static short decode(byte code) {
        return DECODE[code & 0xFF];
    }

    /** The A-law code word nearest to a 16-bit linear sample. */
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

    /** G.711 A-law expansion of one code word to a 13-bit value scaled to 16 bits. */
    private static int expand(int code) {
        int value = (code ^ 0x55) & 0xFF;
        int mantissa = value & 0x0F;
        int segment = (value & 0x70) >> 4;
        int magnitude = segment == 0 ? (2 * mantissa + 1) << 3 : (2 * mantissa + 1 + 32) << (segment + 2);
        return (value & 0x80) != 0 ? magnitude : -magnitude;
    }
}
