package dev.parley.media.g711;

/**
 * Builds a G.711 encode table from its decode table (ITU-T G.711 tables 1a and 2a): the linear
 * range, in steps of 4 (the top 14 bits of a 16-bit sample), is split at the midpoints between
 * neighbouring positive reconstruction values, mirrored for negative samples.
 */
final class CompandingTables {
    private static final int CENTER = 8192;

    private CompandingTables() {}

    /**
     * Fills {@code encode} (16384 entries, index {@code (sample + 32768) >> 2}). {@code zeroCode}
     * is the code word of the smallest positive magnitude (0xFF µ-law, 0xD5 A-law); magnitude
     * index i has code {@code i ^ zeroCode} when positive and {@code i ^ zeroCode ^ 0x80} when
     * negative.
     */
    static void fillEncodeTable(byte[] encode, short[] decode, int zeroCode) {
        encode[CENTER] = (byte) zeroCode;
        int step = 1;
        for (int magnitude = 0; magnitude < 127; magnitude++) {
            int lower = decode[magnitude ^ zeroCode];
            int upper = decode[(magnitude + 1) ^ zeroCode];
            int threshold = (lower + upper + 4) >> 3;
            for (; step < threshold; step++) {
                encode[CENTER - step] = (byte) (magnitude ^ zeroCode ^ 0x80);
                encode[CENTER + step] = (byte) (magnitude ^ zeroCode);
            }
        }
        for (; step < CENTER; step++) {
            encode[CENTER - step] = (byte) (127 ^ zeroCode ^ 0x80);
            encode[CENTER + step] = (byte) (127 ^ zeroCode);
        }
        encode[0] = encode[1];
    }
}
