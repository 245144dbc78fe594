package dev.parley.media.srtp;

/**
 * The replay list of RFC 3711 §3.3.2 as a 64-packet sliding window over packet indices: an
 * index is fresh if it is ahead of the highest seen, or within 64 behind it and not yet seen.
 * {@link #accept} only after the packet authenticated.
 */
final class ReplayWindow {
    static final int SIZE = 64;

    private boolean any;
    private long highest;
    private long seen;

    /** True if {@code index} has not been accepted and is not too old. */
    boolean isFresh(long index) {
        if (!any || index > highest) {
            return true;
        }
        long behind = highest - index;
        return behind < SIZE && (seen & (1L << behind)) == 0;
    }

    /** Records {@code index} as received. */
    void accept(long index) {
        if (!any) {
            any = true;
            highest = index;
            seen = 1;
        } else if (index > highest) {
            long ahead = index - highest;
            seen = ahead >= SIZE ? 1 : (seen << ahead) | 1;
            highest = index;
        } else {
            seen |= 1L << (highest - index);
        }
    }
}
