package dev.parley.media.stats;

import dev.parley.media.rtcp.SenderReport;

/**
 * What a sender reports about its own stream in an SR (RFC 3550 §6.4.1): packet and payload
 * octet counts, and the RTP timestamp that corresponds to the report's NTP time, extrapolated
 * from the last packet sent with the stream's clock rate. Times are parameters: a monotonic
 * clock for elapsed time and the wall clock for the NTP field.
 */
public final class SenderStatistics {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long ssrc;
    private final int clockRate;
    private long packets;
    private long octets;
    private boolean sentAny;
    private long lastTimestamp;
    private long lastSentNanos;

    public SenderStatistics(long ssrc, int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, got " + clockRate);
        }
        this.ssrc = ssrc;
        this.clockRate = clockRate;
    }

    /** Counts one sent packet with {@code payloadLength} payload octets (header excluded). */
    public void onSent(int payloadLength, long rtpTimestamp, long nowNanos) {
        packets++;
        octets += payloadLength;
        sentAny = true;
        lastTimestamp = rtpTimestamp & 0xFFFFFFFFL;
        lastSentNanos = nowNanos;
    }

    /** True once a packet was sent: only then is an SR due rather than an RR (§6.4). */
    public boolean hasSent() {
        return sentAny;
    }

    public long packetCount() {
        return packets;
    }

    public long octetCount() {
        return octets;
    }

    /** The RTP timestamp at {@code nowNanos}, extrapolated from the last packet sent. */
    public long rtpTimestampAt(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - lastSentNanos);
        long units = elapsed / NANOS_PER_SECOND * clockRate + elapsed % NANOS_PER_SECOND * clockRate / NANOS_PER_SECOND;
        return (lastTimestamp + units) & 0xFFFFFFFFL;
    }

    /**
     * Writes this sender's SR header and sender info for {@code blockCount} report blocks, which
     * the caller then writes; returns the packet's length.
     */
    public int writeSenderReport(byte[] buf, int off, long nowNanos, long wallClockUnixNanos, int blockCount) {
        return SenderReport.write(
                buf,
                off,
                ssrc,
                NtpTime.fromUnixNanos(wallClockUnixNanos),
                rtpTimestampAt(nowNanos),
                packets & 0xFFFFFFFFL,
                octets & 0xFFFFFFFFL,
                blockCount);
    }
}
