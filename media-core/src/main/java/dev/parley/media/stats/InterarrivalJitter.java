package dev.parley.media.stats;

/**
 * Interarrival jitter of one RTP source (RFC 3550 §6.4.1, §A.8): the mean deviation of the
 * difference in transit time between consecutive packets, in timestamp units, smoothed with
 * gain 1/16. Arrival time is a parameter in nanoseconds of any monotonic clock.
 */
public final class InterarrivalJitter {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int clockRate;
    private boolean havePrevious;
    private int previousTransit;
    private long jitterTimes16;

    /** {@code clockRate} is the RTP clock in Hz, e.g. 8000 for PCMU. */
    public InterarrivalJitter(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, got " + clockRate);
        }
        this.clockRate = clockRate;
    }

    /** Feeds one packet's RTP timestamp and arrival time. */
    public void update(long rtpTimestamp, long arrivalNanos) {
        int transit = (int) (toTimestampUnits(arrivalNanos) - rtpTimestamp);
        if (havePrevious) {
            long d = Math.abs((long) (transit - previousTransit));
            jitterTimes16 += d - ((jitterTimes16 + 8) >> 4);
        }
        previousTransit = transit;
        havePrevious = true;
    }

    /** The jitter in timestamp units, as a report block carries it. */
    public long jitter() {
        return jitterTimes16 >> 4;
    }

    /** The jitter in nanoseconds. */
    public long jitterNanos() {
        return (jitterTimes16 * NANOS_PER_SECOND / clockRate) >> 4;
    }

    private long toTimestampUnits(long nanos) {
        long seconds = Math.floorDiv(nanos, NANOS_PER_SECOND);
        long rest = Math.floorMod(nanos, NANOS_PER_SECOND);
        return seconds * clockRate + rest * clockRate / NANOS_PER_SECOND;
    }
}
