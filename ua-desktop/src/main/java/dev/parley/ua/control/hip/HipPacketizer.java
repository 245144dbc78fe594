package dev.parley.ua.control.hip;

import java.util.random.RandomGenerator;

/**
 * The controller's RTP sender state for one HIP stream (§6.1.1, RFC 3550 §5.1): the negotiated
 * payload type, an SSRC, and a sequence number and 90 kHz timestamp that start at random values.
 * Time is a parameter: {@code nowNanos} from any monotonic clock. One owner thread.
 */
public final class HipPacketizer {
    /** The HIP RTP clock (§6.1.1, {@code hip/90000}). */
    public static final int CLOCK_RATE = 90000;

    private final int payloadType;
    private final long ssrc;
    private final long timestampBase;
    private final long nanosBase;
    private int sequenceNumber;

    public HipPacketizer(int payloadType, RandomGenerator random, long nowNanos) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("an RTP payload type is 0-127, got " + payloadType);
        }
        this.payloadType = payloadType;
        this.ssrc = random.nextLong() & 0xFFFFFFFFL;
        this.timestampBase = random.nextLong() & 0xFFFFFFFFL;
        this.sequenceNumber = random.nextInt(0x10000);
        this.nanosBase = nowNanos;
    }

    /** Writes the next packet for {@code message} at {@code buf[off]}; returns its length. */
    public int write(HipMessage message, long nowNanos, byte[] buf, int off) {
        long elapsed = nowNanos - nanosBase;
        // 90 ticks per millisecond, split so that long sessions cannot overflow.
        long ticks = elapsed / 1_000_000L * 90 + elapsed % 1_000_000L * 90 / 1_000_000L;
        int length = HipCodec.write(
                message, buf, off, payloadType, sequenceNumber, (timestampBase + ticks) & 0xFFFFFFFFL, ssrc);
        sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
        return length;
    }

    public long ssrc() {
        return ssrc;
    }
}
