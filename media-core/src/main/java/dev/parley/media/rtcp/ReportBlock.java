package dev.parley.media.rtcp;

import dev.parley.media.Bytes;

/**
 * Static accessors over one 24-byte reception report block of an SR or RR (RFC 3550 §6.4.1),
 * at {@code at} in {@code buf}.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 SSRC_n (SSRC of source n)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | fraction lost |       cumulative number of packets lost       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           extended highest sequence number received           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      interarrival jitter                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         last SR (LSR)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   delay since last SR (DLSR)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class ReportBlock {
    /** Size of one block in bytes. */
    public static final int SIZE = 24;

    private ReportBlock() {}

    public static long ssrc(byte[] buf, int at) {
        return Bytes.u32(buf, at);
    }

    /** Fraction lost since the previous report, in 1/256 (RFC 3550 §6.4.1). */
    public static int fractionLost(byte[] buf, int at) {
        return buf[at + 4] & 0xFF;
    }

    /** Cumulative packets lost, a signed 24-bit value (duplicates can make it negative). */
    public static int cumulativeLost(byte[] buf, int at) {
        return (Bytes.u24(buf, at + 5) << 8) >> 8;
    }

    public static long extendedHighestSequence(byte[] buf, int at) {
        return Bytes.u32(buf, at + 8);
    }

    /** Interarrival jitter in timestamp units (RFC 3550 §6.4.1, §A.8). */
    public static long jitter(byte[] buf, int at) {
        return Bytes.u32(buf, at + 12);
    }

    /** Middle 32 bits of the last SR's NTP timestamp, 0 if none yet. */
    public static long lastSr(byte[] buf, int at) {
        return Bytes.u32(buf, at + 16);
    }

    /** Delay since the last SR in 1/65536 s, 0 if none yet. */
    public static long delaySinceLastSr(byte[] buf, int at) {
        return Bytes.u32(buf, at + 20);
    }

    /**
     * Writes one block; cumulative loss is clamped to the signed 24-bit range (RFC 3550 §6.4.1);
     * returns {@link #SIZE}.
     */
    public static int write(
            byte[] buf,
            int at,
            long ssrc,
            int fractionLost,
            int cumulativeLost,
            long extendedHighestSequence,
            long jitter,
            long lastSr,
            long delaySinceLastSr) {
        Bytes.put32(buf, at, ssrc);
        buf[at + 4] = (byte) fractionLost;
        Bytes.put24(buf, at + 5, Math.max(-0x800000, Math.min(0x7FFFFF, cumulativeLost)));
        Bytes.put32(buf, at + 8, extendedHighestSequence);
        Bytes.put32(buf, at + 12, jitter);
        Bytes.put32(buf, at + 16, lastSr);
        Bytes.put32(buf, at + 20, delaySinceLastSr);
        return SIZE;
    }
}
