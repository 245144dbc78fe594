package dev.parley.media.g722;

import static dev.parley.media.g722.SubBand.saturate;

/**
 * ITU-T G.722 encoder at 64 kbit/s (mode 1): 16 kHz 16-bit samples in, one byte per pair of
 * samples out, the higher band's 2 bits above the lower band's 6 (§1.4.4). The transmit QMF
 * (§3.2) splits each pair into the two sub-bands; each is coded by SB-ADPCM (blocks 1L–4L,
 * 1H–4H). One instance per stream; no allocation.
 */
public final class G722Encoder {
    /** Q6: lower-band decision levels, scaled by the quantizer scale factor (§3.4.1). */
    private static final int[] Q6 = {
        0, 35, 72, 110, 150, 190, 233, 276, 323, 370, 422, 473, 530, 587, 650, 714,
        786, 858, 940, 1023, 1121, 1219, 1339, 1458, 1612, 1765, 1980, 2195, 2557, 2919, 0, 0
    };
    /** Lower-band codes for negative (ILN) and positive (ILP) differences by level (§3.4.1). */
    private static final int[] ILN = {
        0, 63, 62, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19,
        18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 0
    };

    private static final int[] ILP = {
        0, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49, 48, 47,
        46, 45, 44, 43, 42, 41, 40, 39, 38, 37, 36, 35, 34, 33, 32, 0
    };
    /** Higher-band codes for negative (IHN) and positive (IHP) differences (§3.4.2). */
    private static final int[] IHN = {0, 1, 0};

    private static final int[] IHP = {0, 3, 2};

    private final int[] x = new int[24];
    private final SubBand low = SubBand.lower();
    private final SubBand high = SubBand.higher();

    /**
     * Encodes {@code count} samples (even) from {@code pcm[pcmOff..]} into {@code count / 2}
     * bytes at {@code out[outOff..]}; returns the number of bytes written.
     */
    public int encode(short[] pcm, int pcmOff, int count, byte[] out, int outOff) {
        if (count % 2 != 0) {
            throw new IllegalArgumentException("G.722 codes pairs of samples, got " + count);
        }
        for (int j = 0; j < count; j += 2) {
            System.arraycopy(x, 2, x, 0, 22);
            x[22] = pcm[pcmOff + j];
            x[23] = pcm[pcmOff + j + 1];
            int sumOdd = 0;
            int sumEven = 0;
            for (int i = 0; i < 12; i++) {
                sumOdd += x[2 * i] * G722Tables.QMF[i];
                sumEven += x[2 * i + 1] * G722Tables.QMF[11 - i];
            }
            int ilow = encodeLow((sumEven + sumOdd) >> 14);
            int ihigh = encodeHigh((sumEven - sumOdd) >> 14);
            out[outOff + j / 2] = (byte) ((ihigh << 6) | ilow);
        }
        return count / 2;
    }

    /** Blocks 1L (SUBTRA, QUANTL), 2L (INVQAL), 3L and 4L; returns the 6-bit code. */
    private int encodeLow(int xlow) {
        int el = saturate(xlow - low.s);
        int magnitude = el >= 0 ? el : -(el + 1);
        int level = 1;
        while (level < 30 && magnitude >= (Q6[level] * low.det) >> 12) {
            level++;
        }
        int ilow = el < 0 ? ILN[level] : ILP[level];
        int ril = ilow >> 2;
        int dlow = (low.det * G722Tables.QM4[ril]) >> 15;
        low.adaptScale(G722Tables.WL[G722Tables.RL42[ril]]);
        low.adaptPredictor(dlow);
        return ilow;
    }

    /** Blocks 1H (SUBTRA, QUANTH), 2H (INVQAH), 3H and 4H; returns the 2-bit code. */
    private int encodeHigh(int xhigh) {
        int eh = saturate(xhigh - high.s);
        int magnitude = eh >= 0 ? eh : -(eh + 1);
        int mih = magnitude >= (564 * high.det) >> 12 ? 2 : 1;
        int ihigh = eh < 0 ? IHN[mih] : IHP[mih];
        int dhigh = (high.det * G722Tables.QM2[ihigh]) >> 15;
        high.adaptScale(G722Tables.WH[G722Tables.RH2[ihigh]]);
        high.adaptPredictor(dhigh);
        return ihigh;
    }
}
