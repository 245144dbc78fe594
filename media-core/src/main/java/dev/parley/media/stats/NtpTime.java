package dev.parley.media.stats;

/**
 * NTP timestamps as RTCP carries them (RFC 3550 §4): 64 bits, seconds since 1900 in the high
 * word and the fraction in the low word; the middle 32 bits are the compact form used by LSR
 * and round-trip times (§6.4.1), in 1/65536 s.
 */
public final class NtpTime {
    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 (Unix epoch). */
    public static final long UNIX_EPOCH_SECONDS = 2_208_988_800L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private NtpTime() {}

    /** The 64-bit NTP timestamp of a wall-clock time given in nanoseconds since the Unix epoch. */
    public static long fromUnixNanos(long unixNanos) {
        long seconds = Math.floorDiv(unixNanos, NANOS_PER_SECOND) + UNIX_EPOCH_SECONDS;
        long nanos = Math.floorMod(unixNanos, NANOS_PER_SECOND);
        long fraction = (nanos << 32) / NANOS_PER_SECOND;
        return (seconds << 32) | fraction;
    }

    /** Nanoseconds since the Unix epoch of a 64-bit NTP timestamp (era 0). */
    public static long toUnixNanos(long ntp) {
        long seconds = (ntp >>> 32) - UNIX_EPOCH_SECONDS;
        long fraction = ntp & 0xFFFFFFFFL;
        return seconds * NANOS_PER_SECOND + ((fraction * NANOS_PER_SECOND) >>> 32);
    }

    /** The middle 32 bits, the compact NTP form of LSR (RFC 3550 §6.4.1). */
    public static long compact(long ntp) {
        return (ntp >>> 16) & 0xFFFFFFFFL;
    }

    /**
     * Round-trip time from a report block received at {@code arrivalNtp} (RFC 3550 §6.4.1: A -
     * LSR - DLSR), in nanoseconds; -1 when the block carries no LSR yet or the result is
     * negative (clock trouble).
     */
    public static long roundTripNanos(long arrivalNtp, long lastSr, long delaySinceLastSr) {
        if (lastSr == 0) {
            return -1;
        }
        long rtt = (compact(arrivalNtp) - lastSr - delaySinceLastSr) & 0xFFFFFFFFL;
        if (rtt > 0x7FFFFFFFL) {
            return -1;
        }
        return rtt * NANOS_PER_SECOND / 65536;
    }
}
