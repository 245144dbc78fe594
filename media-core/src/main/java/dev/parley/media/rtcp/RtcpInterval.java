package dev.parley.media.rtcp;

/**
 * When to send the next RTCP packet (RFC 3550 §6.3.1, §A.7): the deterministic interval from
 * members, senders, the RTCP bandwidth and the average RTCP packet size, at least 5 s (2.5 s
 * before the first packet), randomized over [0.5, 1.5] and divided by e - 3/2 to compensate for
 * timer reconsideration. The random draw is a parameter, so the result is reproducible. Also
 * tracks the average RTCP packet size (§6.3.3).
 */
public final class RtcpInterval {
    /** RTCP_MIN_TIME (§6.2). */
    public static final double MIN_SECONDS = 5.0;

    private static final double SENDER_FRACTION = 0.25;
    private static final double COMPENSATION = Math.E - 1.5;

    private double averageSize;

    /** Starts the average at the probable size of the first packet, in octets with UDP/IP. */
    public RtcpInterval(double firstPacketSize) {
        if (firstPacketSize <= 0) {
            throw new IllegalArgumentException("packet size must be positive, got " + firstPacketSize);
        }
        this.averageSize = firstPacketSize;
    }

    /** Folds one sent or received compound packet of {@code octets} (UDP/IP included) in. */
    public void onPacket(int octets) {
        averageSize = octets / 16.0 + averageSize * 15 / 16;
    }

    public double averageSize() {
        return averageSize;
    }

    /**
     * The next interval in nanoseconds.
     *
     * @param members session members, this one included
     * @param senders members that sent RTP since the last two reports
     * @param bandwidth RTCP bandwidth in octets per second (5 % of the session bandwidth)
     * @param weSent whether this member is a sender
     * @param initial whether no RTCP has been sent yet
     * @param random a uniform draw in [0, 1)
     */
    public long nextNanos(int members, int senders, double bandwidth, boolean weSent, boolean initial, double random) {
        if (members < 1 || senders < 0 || bandwidth <= 0 || random < 0 || random >= 1) {
            throw new IllegalArgumentException("need members >= 1, senders >= 0, bandwidth > 0, random in [0, 1)");
        }
        double minimum = initial ? MIN_SECONDS / 2 : MIN_SECONDS;
        int n = members;
        double share = bandwidth;
        if (senders <= members * SENDER_FRACTION) {
            if (weSent) {
                share = bandwidth * SENDER_FRACTION;
                n = senders;
            } else {
                share = bandwidth * (1 - SENDER_FRACTION);
                n = members - senders;
            }
        }
        double seconds = Math.max(minimum, averageSize * n / share);
        seconds = seconds * (random + 0.5) / COMPENSATION;
        return Math.round(seconds * 1e9);
    }
}
