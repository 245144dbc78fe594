package dev.parley.mixer.engine;

/**
 * The 20 ms audio clock of one worker: when the next mix is due and whether a mix ran late.
 * Time comes in as a parameter (nanoseconds on any monotonic clock), so tests drive it by hand.
 */
public final class TickSchedule {
    /** One audio frame (RFC 3551 §4.5: 20 ms is the default packetisation for G.711). */
    public static final long PERIOD_NANOS = 20_000_000L;
    /** A tick this much past its deadline is counted late. */
    public static final long LATE_NANOS = 5_000_000L;

    private long deadline;

    public TickSchedule(long startNanos) {
        this.deadline = startNanos + PERIOD_NANOS;
    }

    /** Nanoseconds until the next tick is due, zero or less when it is due now. */
    public long nanosUntilDue(long nowNanos) {
        return deadline - nowNanos;
    }

    /** The next deadline, on the same clock as the times passed in. */
    public long deadline() {
        return deadline;
    }

    /**
     * Consumes the due tick. When the worker fell more than a whole period behind, the missed
     * ticks are skipped rather than run in a burst; the deadlines stay on their 20 ms grid, so
     * a conference keeps its place in the period (see the worker's phases).
     *
     * @return how late the consumed tick is, in nanoseconds
     */
    public long advance(long nowNanos) {
        long late = nowNanos - deadline;
        deadline += PERIOD_NANOS;
        if (nowNanos - deadline >= 0) {
            deadline += ((nowNanos - deadline) / PERIOD_NANOS + 1) * PERIOD_NANOS;
        }
        return late;
    }
}
