package dev.parley.media;

/**
 * A token bucket: admits events at a sustained rate with bursts up to a capacity, for flood
 * protection per source (issue 5, "floods from one source: dropped and counted"). Time is a
 * parameter in nanoseconds of a monotonic clock; no allocation. One owner thread.
 */
public final class TokenBucket {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long ratePerSecond;
    private final long capacityNanoTokens;
    private long nanoTokens;
    private long lastNanos;
    private boolean started;

    /** Admits {@code ratePerSecond} events a second on average and {@code burst} at once. */
    public TokenBucket(long ratePerSecond, long burst) {
        if (ratePerSecond <= 0 || burst <= 0 || burst > Long.MAX_VALUE / NANOS_PER_SECOND) {
            throw new IllegalArgumentException("rate and burst must be positive, got " + ratePerSecond + ", " + burst);
        }
        this.ratePerSecond = ratePerSecond;
        this.capacityNanoTokens = burst * NANOS_PER_SECOND;
        this.nanoTokens = capacityNanoTokens;
    }

    /** Takes one token if there is one at {@code nowNanos}; false means drop the event. */
    public boolean tryAcquire(long nowNanos) {
        if (started) {
            long elapsed = Math.max(0, nowNanos - lastNanos);
            long added = elapsed >= capacityNanoTokens / ratePerSecond ? capacityNanoTokens : elapsed * ratePerSecond;
            nanoTokens = Math.min(capacityNanoTokens, nanoTokens + added);
        }
        started = true;
        lastNanos = nowNanos;
        if (nanoTokens < NANOS_PER_SECOND) {
            return false;
        }
        nanoTokens -= NANOS_PER_SECOND;
        return true;
    }
}
