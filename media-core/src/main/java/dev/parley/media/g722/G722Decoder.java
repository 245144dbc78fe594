package dev.parley.media.g722;

import static dev.parley.media.g722.SubBand.saturate;

/**
 * ITU-T G.722 decoder at 64 kbit/s (mode 1): one byte in, two 16 kHz 16-bit samples out. Each
 * byte's low 6 bits are the lower band's code, its top 2 the higher band's (§1.4.4); SB-ADPCM
 * decoding (blocks 5L–6L, 2H–6H) and the receive QMF (§4.4) rebuild the signal. One instance per
 * stream; no allocation.
 */
public final class G722Decoder {
    private final int[] x = new int[24];
    private final SubBand low = SubBand.lower();
    private final SubBand high = SubBand.higher();

    /**
     * Decodes {@code count} bytes from {@code in[inOff..]} into {@code 2 × count} samples at
     * {@code pcm[pcmOff..]}; returns the number of samples written.
     */
    public int decode(byte[] in, int inOff, int count, short[] pcm, int pcmOff) {
        for (int j = 0; j < count; j++) {
            int code = in[inOff + j] & 0xFF;
            int rlow = decodeLow(code & 0x3F);
            int rhigh = decodeHigh(code >> 6);
            System.arraycopy(x, 2, x, 0, 22);
            x[22] = rlow + rhigh;
            x[23] = rlow - rhigh;
            int out1 = 0;
            int out2 = 0;
            for (int i = 0; i < 12; i++) {
                out2 += x[2 * i] * G722Tables.QMF[i];
                out1 += x[2 * i + 1] * G722Tables.QMF[11 - i];
            }
            pcm[pcmOff + 2 * j] = (short) saturate(out1 >> 11);
            pcm[pcmOff + 2 * j + 1] = (short) saturate(out2 >> 11);
        }
        return 2 * count;
    }

    /** Blocks 5L (INVQBL, RECONS), 6L (LIMIT), 2L, 3L and 4L; returns the lower-band signal. */
    private int decodeLow(int ilow) {
        int rlow = low.s + ((low.det * G722Tables.QM6[ilow]) >> 15);
        rlow = Math.max(-16384, Math.min(16383, rlow));
        int ril = ilow >> 2;
        int dlow = (low.det * G722Tables.QM4[ril]) >> 15;
        low.adaptScale(G722Tables.WL[G722Tables.RL42[ril]]);
        low.adaptPredictor(dlow);
        return rlow;
    }

    /** Blocks 2H (INVQAH), 5H (RECONS), 6H (LIMIT), 3H and 4H; returns the higher-band signal. */
    private int decodeHigh(int ihigh) {
        int dhigh = (high.det * G722Tables.QM2[ihigh]) >> 15;
        int rhigh = Math.max(-16384, Math.min(16383, dhigh + high.s));
        high.adaptScale(G722Tables.WH[G722Tables.RH2[ihigh]]);
        high.adaptPredictor(dhigh);
        return rhigh;
    }
}
