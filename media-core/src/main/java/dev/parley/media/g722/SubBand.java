package dev.parley.media.g722;

/**
 * The adaptive state of one G.722 sub-band (ITU-T G.722 §3.6–§3.8, §6.2): the logarithmic
 * scale factor and its linear form (blocks 3L/3H, LOGSCL/SCALEL and LOGSCH/SCALEH) and the
 * pole-zero predictor (block 4: RECONS, PARREC, UPPOL2, UPPOL1, UPZERO, DELAYA, FILTEP, FILTEZ,
 * PREDIC). Encoder and decoder run the same blocks, so they stay in step.
 */
final class SubBand {
    /** Inverse logarithm table ILB of SCALEL/SCALEH (§3.7). */
    private static final int[] ILB = {
        2048, 2093, 2139, 2186, 2233, 2282, 2332, 2383, 2435, 2489, 2543, 2599, 2656, 2714, 2774, 2834,
        2896, 2960, 3025, 3091, 3158, 3228, 3298, 3371, 3444, 3520, 3597, 3676, 3756, 3838, 3922, 4008
    };

    /** Predicted signal value (PREDIC output). */
    int s;
    /** Quantizer scale factor (SCALEL/SCALEH output). */
    int det;

    private final int nbMax;
    private final int scaleShift;
    private int nb;
    private int sp;
    private int sz;
    private final int[] a = new int[3];
    private final int[] ap = new int[3];
    private final int[] b = new int[7];
    private final int[] bp = new int[7];
    private final int[] d = new int[7];
    private final int[] p = new int[3];
    private final int[] r = new int[3];

    /** The lower band starts with det 32, nb up to 18432; the higher with det 8, nb up to 22528. */
    private SubBand(int initialDet, int nbMax, int scaleShift) {
        this.det = initialDet;
        this.nbMax = nbMax;
        this.scaleShift = scaleShift;
    }

    static SubBand lower() {
        return new SubBand(32, 18432, 8);
    }

    static SubBand higher() {
        return new SubBand(8, 22528, 10);
    }

    /** LOGSCL/LOGSCH then SCALEL/SCALEH: adapts the scale factor by {@code weight} (WL or WH). */
    void adaptScale(int weight) {
        nb = Math.max(0, Math.min(nbMax, ((nb * 127) >> 7) + weight));
        int index = (nb >> 6) & 31;
        int shift = scaleShift - (nb >> 11);
        det = (shift < 0 ? ILB[index] << -shift : ILB[index] >> shift) << 2;
    }

    /** Block 4: updates the predictor with the quantized difference {@code dx}. */
    void adaptPredictor(int dx) {
        d[0] = dx;
        r[0] = saturate(s + dx);
        p[0] = saturate(sz + dx);

        int sg0 = p[0] >> 15;
        int sg1 = p[1] >> 15;
        int sg2 = p[2] >> 15;
        int wd1 = saturate(a[1] << 2);
        int wd2 = Math.min(32767, sg0 == sg1 ? -wd1 : wd1);
        int wd3 = (wd2 >> 7) + (sg0 == sg2 ? 128 : -128) + ((a[2] * 32512) >> 15);
        ap[2] = Math.max(-12288, Math.min(12288, wd3));

        ap[1] = saturate((sg0 == sg1 ? 192 : -192) + ((a[1] * 32640) >> 15));
        int limit = saturate(15360 - ap[2]);
        ap[1] = Math.max(-limit, Math.min(limit, ap[1]));

        int step = dx == 0 ? 0 : 128;
        int sgd = dx >> 15;
        for (int i = 1; i < 7; i++) {
            int sign = d[i] >> 15;
            bp[i] = saturate((sign == sgd ? step : -step) + ((b[i] * 32640) >> 15));
        }

        for (int i = 6; i > 0; i--) {
            d[i] = d[i - 1];
            b[i] = bp[i];
        }
        for (int i = 2; i > 0; i--) {
            r[i] = r[i - 1];
            p[i] = p[i - 1];
            a[i] = ap[i];
        }

        sp = saturate(((a[1] * saturate(r[1] + r[1])) >> 15) + ((a[2] * saturate(r[2] + r[2])) >> 15));
        int zeros = 0;
        for (int i = 6; i > 0; i--) {
            zeros += (b[i] * saturate(d[i] + d[i])) >> 15;
        }
        sz = saturate(zeros);
        s = saturate(sp + sz);
    }

    static int saturate(int value) {
        return Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
    }
}
