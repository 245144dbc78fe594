package dev.parley.mixer.audio;

/**
 * Lowers the sample rate by a whole factor (48 kHz to 8 kHz: 6) through a windowed-sinc low-pass
 * FIR with its cut-off at 0.85 of the output's Nyquist frequency (3.4 kHz for 8 kHz output),
 * keeping the filter's history across calls so consecutive frames join without clicks. Written
 * in the mixer until media-core has its resamplers. Owned by one thread.
 */
public final class Decimator {
    private final int factor;
    private final double[] taps;
    private final double[] history;
    private int filled;

    /**
     * @param factor input samples per output sample
     * @param tapsPerPhase filter length in output samples; 8 gives about 50 dB of stop band
     */
    public Decimator(int factor, int tapsPerPhase) {
        if (factor < 2 || tapsPerPhase < 2) {
            throw new IllegalArgumentException("factor and tapsPerPhase must be at least 2");
        }
        this.factor = factor;
        int n = factor * tapsPerPhase;
        this.taps = new double[n];
        this.history = new double[n];
        double cutoff = 0.85 / (2.0 * factor); // cycles per input sample
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double t = i - (n - 1) / 2.0;
            double sinc = t == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            double blackman =
                    0.42 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1)) + 0.08 * Math.cos(4 * Math.PI * i / (n - 1));
            taps[i] = sinc * blackman;
            sum += taps[i];
        }
        for (int i = 0; i < n; i++) {
            taps[i] /= sum;
        }
    }

    /**
     * Filters {@code count} input samples (a multiple of the factor) into {@code count / factor}
     * output samples.
     *
     * @return the number of output samples written
     */
    public int process(short[] in, int count, short[] out) {
        int produced = 0;
        for (int i = 0; i < count; i++) {
            history[filled++ % history.length] = in[i];
            if ((i + 1) % factor == 0) {
                double acc = 0;
                for (int k = 0; k < taps.length; k++) {
                    acc += taps[k] * history[(filled - 1 - k + history.length * 2) % history.length];
                }
                out[produced++] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(acc)));
            }
        }
        return produced;
    }
}
