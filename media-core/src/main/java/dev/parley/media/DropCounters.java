package dev.parley.media;

/**
 * Counts drops per {@link DropReason} (STYLE habit 4): one array slot per reason, bumped on the
 * packet path without allocation, read by the metrics exporter. Written by one owner thread;
 * readers on other threads see values that may lag.
 */
public final class DropCounters {
    private final long[] counts = new long[DropReason.values().length];

    /** Counts one drop; {@link DropReason#NONE} is not a drop and is ignored. Returns the reason. */
    public DropReason count(DropReason reason) {
        if (reason != DropReason.NONE) {
            counts[reason.ordinal()]++;
        }
        return reason;
    }

    /** Drops counted for {@code reason} so far. */
    public long get(DropReason reason) {
        return counts[reason.ordinal()];
    }

    /** All drops counted so far. */
    public long total() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }
}
