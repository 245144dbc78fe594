package dev.parley.media.rtcp;

/**
 * Tells RTP from RTCP on one port (RFC 5761 §4): with version 2, a second octet whose low seven
 * bits (the RTP payload type position) lie in 64..95 is RTCP (packet types 192..223), anything
 * else RTP. Other first bytes (STUN, DTLS; RFC 7983) are {@link Kind#OTHER}.
 */
public final class RtcpMuxDemux {
    /** What a datagram on a muxed port is. */
    public enum Kind {
        RTP,
        RTCP,
        OTHER
    }

    private RtcpMuxDemux() {}

    public static Kind classify(byte[] buf, int off, int len) {
        if (len < 2 || (buf[off] & 0xC0) != 0x80) {
            return Kind.OTHER;
        }
        int payloadType = buf[off + 1] & 0x7F;
        return payloadType >= 64 && payloadType <= 95 ? Kind.RTCP : Kind.RTP;
    }
}
