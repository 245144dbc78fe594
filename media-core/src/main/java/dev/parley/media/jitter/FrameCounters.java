package dev.parley.media.jitter;

/**
 * What a {@link JitterBuffer} did with frames, counted for metrics (STYLE habit 4). Written
 * only by the buffer's owner thread.
 */
public final class FrameCounters {
    long played;
    long concealed;
    long silent;
    long buffering;
    long late;
    long duplicates;
    long skipped;
    long restarts;

    /** Frames played as received. */
    public long played() {
        return played;
    }

    /** Missing frames covered by the faded last frame. */
    public long concealed() {
        return concealed;
    }

    /** Missing frames played as silence after concealment ran out, or with nothing to repeat. */
    public long silent() {
        return silent;
    }

    /** Ticks of silence while the buffer filled before playout. */
    public long buffering() {
        return buffering;
    }

    /** Frames that arrived after their turn. */
    public long late() {
        return late;
    }

    /** Frames that were already buffered. */
    public long duplicates() {
        return duplicates;
    }

    /** Buffered frames dropped to bring the delay back to target. */
    public long skipped() {
        return skipped;
    }

    /** Times the stream jumped further than the capacity and the buffer started over. */
    public long restarts() {
        return restarts;
    }
}
