package dev.parley.media.resample;

/**
 * Streaming sample-rate conversion of 16-bit mono audio by a rational factor L/M (e.g. 8 to 48
 * kHz: 6/1; 48 to 16 kHz: 1/3): a polyphase FIR whose prototype is a Blackman-windowed sinc low
 * pass at 90 % of the lower rate's Nyquist frequency, {@link #SPAN} lower-rate periods long, so
 * nothing above it aliases or images. State carries
 * across calls, so 20 ms frames convert as one continuous stream; no allocation per call. One
 * instance per stream and owner thread.
 */
public final class Resampler {
    /** Length of the prototype filter in periods of the lower rate's sample clock. */
    public static final int SPAN = 32;

    private final int up;
    private final int down;
    private final int inputRate;
    private final int outputRate;
    private final int taps;
    private final float[][] phases;
    private final float[] work;
    private long position;

    /**
     * Converts {@code inputRate} Hz to {@code outputRate} Hz, taking at most {@code maxInput}
     * samples per call.
     */
    public Resampler(int inputRate, int outputRate, int maxInput) {
        if (inputRate <= 0 || outputRate <= 0 || maxInput <= 0) {
            throw new IllegalArgumentException("rates and frame size must be positive");
        }
        int gcd = gcd(inputRate, outputRate);
        this.up = outputRate / gcd;
        this.down = inputRate / gcd;
        if (up > 480 || down > 480) {
            throw new IllegalArgumentException(
                    "ratio " + outputRate + "/" + inputRate + " needs too many phases (" + up + "/" + down + ")");
        }
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        this.taps = SPAN * Math.max(up, down) / up;
        this.phases = design(up, down, taps);
        this.work = new float[taps - 1 + maxInput];
    }

    public int inputRate() {
        return inputRate;
    }

    public int outputRate() {
        return outputRate;
    }

    /** Most output samples one call can produce from {@code inputCount} input samples. */
    public int maxOutput(int inputCount) {
        return (int) (((long) inputCount * up + down - 1) / down) + 1;
    }

    /**
     * Converts {@code count} samples from {@code in[inOff..]} into {@code out[outOff..]}, which
     * needs room for {@link #maxOutput}; returns the number of samples written.
     */
    public int process(short[] in, int inOff, int count, short[] out, int outOff) {
        int history = taps - 1;
        if (count > work.length - history) {
            throw new IllegalArgumentException(
                    "at most " + (work.length - history) + " samples per call, got " + count);
        }
        for (int i = 0; i < count; i++) {
            work[history + i] = in[inOff + i];
        }
        int written = 0;
        long end = (long) count * up;
        while (position < end) {
            int base = (int) (position / up);
            float[] branch = phases[(int) (position % up)];
            float sum = 0;
            int at = history + base;
            for (int k = 0; k < taps; k++) {
                sum += branch[k] * work[at - k];
            }
            out[outOff + written++] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
            position += down;
        }
        position -= end;
        System.arraycopy(work, count, work, 0, history);
        return written;
    }

    /** {@code up} polyphase branches of the windowed-sinc prototype, gain L to keep the level. */
    private static float[][] design(int up, int down, int taps) {
        int length = taps * up;
        double cutoff = 0.9 * 0.5 / Math.max(up, down);
        double center = (length - 1) / 2.0;
        float[][] phases = new float[up][taps];
        for (int j = 0; j < length; j++) {
            double t = j - center;
            double sinc = t == 0 ? 1 : Math.sin(2 * Math.PI * cutoff * t) / (2 * Math.PI * cutoff * t);
            double window = 0.42
                    - 0.5 * Math.cos(2 * Math.PI * (j + 0.5) / length)
                    + 0.08 * Math.cos(4 * Math.PI * (j + 0.5) / length);
            phases[j % up][j / up] = (float) (up * 2 * cutoff * sinc * window);
        }
        return phases;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
