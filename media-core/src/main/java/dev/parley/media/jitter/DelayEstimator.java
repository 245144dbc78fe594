package dev.parley.media.jitter;

/**
 * Estimates the playout delay a stream needs from the spread of its recent transit times
 * (arrival minus media time): the slowest of the last {@link #WINDOW} frames against the
 * fastest, in whole frames plus one for the tick phase, clamped to the configured range.
 */
final class DelayEstimator {
    /** Frames of history the estimate covers (about 1.3 s of 20 ms frames). */
    static final int WINDOW = 64;

    private final long[] transits = new long[WINDOW];
    private final long frameNanos;
    private final int minFrames;
    private final int maxFrames;
    private int count;
    private int next;

    DelayEstimator(long frameNanos, int minFrames, int maxFrames) {
        this.frameNanos = frameNanos;
        this.minFrames = minFrames;
        this.maxFrames = maxFrames;
    }

    /** Records one frame that arrived at {@code arrivalNanos} and belongs at {@code mediaNanos}. */
    void add(long arrivalNanos, long mediaNanos) {
        transits[next] = arrivalNanos - mediaNanos;
        next = (next + 1) % WINDOW;
        count = Math.min(count + 1, WINDOW);
    }

    void clear() {
        count = 0;
        next = 0;
    }

    /** The delay to aim for, in frames. */
    int targetFrames() {
        if (count == 0) {
            return minFrames;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, transits[i]);
            max = Math.max(max, transits[i]);
        }
        long frames = (max - min + frameNanos - 1) / frameNanos + 1;
        return (int) Math.max(minFrames, Math.min(maxFrames, frames));
    }
}
