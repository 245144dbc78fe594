package dev.parley.mixer.audio;

/**
 * The N-1 mix of one tick: everyone's frame summed once, then for each listener the sum minus
 * their own frame, so nobody hears themselves. Sums are kept in 32 bits; a listener's frame whose
 * peak would clip is scaled down as a whole (a per-frame limiter) instead of being hard-clipped,
 * which keeps the waveform's shape. Owned by one worker thread.
 */
public final class NMinusOneMix {
    private static final int FRAME = AudioCodec.FRAME_SAMPLES;

    private final int[] total = new int[FRAME];
    private int contributors;

    /** Starts a new tick with silence. */
    public void reset() {
        java.util.Arrays.fill(total, 0);
        contributors = 0;
    }

    /** Adds one participant's frame to the tick's sum. */
    public void add(short[] frame) {
        for (int i = 0; i < FRAME; i++) {
            total[i] += frame[i];
        }
        contributors++;
    }

    /** How many frames were added this tick. */
    public int contributors() {
        return contributors;
    }

    /**
     * Writes the mix for one listener into {@code out}: the total minus {@code own} (null when
     * the listener contributed nothing), limited to the 16-bit range.
     */
    public void mixFor(short @org.jspecify.annotations.Nullable [] own, short[] out) {
        int peak = 0;
        for (int i = 0; i < FRAME; i++) {
            int v = own == null ? total[i] : total[i] - own[i];
            int magnitude = Math.abs(v);
            if (magnitude > peak) {
                peak = magnitude;
            }
        }
        if (peak <= Short.MAX_VALUE) {
            for (int i = 0; i < FRAME; i++) {
                out[i] = (short) (own == null ? total[i] : total[i] - own[i]);
            }
            return;
        }
        long scale = ((long) Short.MAX_VALUE << 16) / peak;
        for (int i = 0; i < FRAME; i++) {
            int v = own == null ? total[i] : total[i] - own[i];
            out[i] = (short) ((v * scale) >> 16);
        }
    }
}
