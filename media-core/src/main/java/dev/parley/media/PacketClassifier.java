package dev.parley.media;

import dev.parley.media.rtcp.RtcpCompound;
import dev.parley.media.rtcp.RtcpMuxDemux;
import dev.parley.media.rtp.RtpHeader;

/**
 * The first step of the receive path for one port: demultiplex (RFC 5761 §4 when rtcp-mux is
 * on), validate (RFC 3550 §5.1 for RTP, §A.2 for RTCP) and count what is dropped. Returns what
 * the packet is so the caller can route it; nothing is allocated.
 */
public final class PacketClassifier {
    /** What a datagram turned out to be. */
    public enum Result {
        /** A valid RTP packet. */
        RTP,
        /** A valid compound RTCP packet. */
        RTCP,
        /** First byte 0..63: STUN, ZRTP or DTLS (RFC 7983 §7); for another handler, not counted. */
        OTHER,
        /** Invalid: counted under its reason and to be dropped. */
        DROPPED
    }

    private final boolean rtcpMux;
    private final boolean reducedSizeRtcp;
    private final DropCounters drops;

    /**
     * {@code rtcpMux}: RTP and RTCP share the port (RFC 5761), otherwise this is an RTP port;
     * {@code reducedSizeRtcp}: RFC 5506 was negotiated; drops are counted in {@code drops}.
     */
    public PacketClassifier(boolean rtcpMux, boolean reducedSizeRtcp, DropCounters drops) {
        this.rtcpMux = rtcpMux;
        this.reducedSizeRtcp = reducedSizeRtcp;
        this.drops = drops;
    }

    /** Classifies one datagram of an RTP (or muxed) port. */
    public Result classify(byte[] buf, int off, int len) {
        if (len >= 1 && (buf[off] & 0xC0) == 0) {
            return Result.OTHER;
        }
        if (rtcpMux && RtcpMuxDemux.classify(buf, off, len) == RtcpMuxDemux.Kind.RTCP) {
            return classifyRtcp(buf, off, len);
        }
        return drops.count(RtpHeader.validate(buf, off, len)) == DropReason.NONE ? Result.RTP : Result.DROPPED;
    }

    /** Classifies one datagram of a separate RTCP port. */
    public Result classifyRtcp(byte[] buf, int off, int len) {
        DropReason reason = reducedSizeRtcp
                ? RtcpCompound.validateReducedSize(buf, off, len)
                : RtcpCompound.validate(buf, off, len);
        return drops.count(reason) == DropReason.NONE ? Result.RTCP : Result.DROPPED;
    }
}
