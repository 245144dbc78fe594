package dev.parley.media.rtcp;

import dev.parley.media.DropReason;
import org.jspecify.annotations.Nullable;

/**
 * Validity checks of a compound RTCP packet (RFC 3550 §6.1, §A.2) in {@code (buf, off, len)}:
 * every packet is version 2, the lengths add up to exactly {@code len}, only the last packet
 * may be padded, the first is SR or RR (relaxed for RFC 5506 reduced-size RTCP), and each known
 * packet type holds what its count field announces. Walk a valid packet with {@link
 * RtcpCursor}.
 */
public final class RtcpCompound {
    private RtcpCompound() {}

    /** The RFC 3550 §A.2 check, without allocating; {@link DropReason#NONE} when valid. */
    public static DropReason validate(byte[] buf, int off, int len) {
        return walk(buf, off, len, true, null);
    }

    /** As {@link #validate}, but any packet type may come first (RFC 5506 §3.4.1). */
    public static DropReason validateReducedSize(byte[] buf, int off, int len) {
        return walk(buf, off, len, false, null);
    }

    /** As {@link #validate}, throwing with a message naming the packet and field. */
    public static void check(byte[] buf, int off, int len) throws RtcpFormatException {
        StringBuilder message = new StringBuilder();
        DropReason reason = walk(buf, off, len, true, message);
        if (reason != DropReason.NONE) {
            throw new RtcpFormatException(reason, message.toString());
        }
    }

    private static DropReason walk(byte[] buf, int off, int len, boolean reportFirst, @Nullable StringBuilder message) {
        if (len < RtcpHeader.SIZE || len % 4 != 0) {
            return fail(DropReason.RTCP_TOO_SHORT, message, "RTCP needs a multiple of 4 bytes, at least 4, got " + len);
        }
        int end = off + len;
        int index = 0;
        for (int p = off; p < end; p += RtcpHeader.lengthBytes(buf, p), index++) {
            if (RtcpHeader.version(buf, p) != 2) {
                return fail(
                        DropReason.RTCP_BAD_VERSION,
                        message,
                        "RTCP packet " + index + " version must be 2, got " + RtcpHeader.version(buf, p));
            }
            int type = RtcpHeader.packetType(buf, p);
            int length = RtcpHeader.lengthBytes(buf, p);
            if (length > end - p) {
                return fail(
                        DropReason.RTCP_LENGTH_OVERRUN,
                        message,
                        "RTCP packet " + index + " (PT " + type + ") length needs " + length + " bytes, got "
                                + (end - p));
            }
            if (index == 0 && reportFirst && type != RtcpHeader.SR && type != RtcpHeader.RR) {
                return fail(
                        DropReason.RTCP_FIRST_NOT_REPORT,
                        message,
                        "compound RTCP must start with SR or RR, got PT " + type);
            }
            int padding = 0;
            if (RtcpHeader.hasPadding(buf, p)) {
                if (p + length != end) {
                    return fail(
                            DropReason.RTCP_PADDING_NOT_LAST,
                            message,
                            "RTCP packet " + index + " is padded but not last");
                }
                padding = buf[end - 1] & 0xFF;
                if (padding == 0 || padding > length - RtcpHeader.SIZE) {
                    return fail(
                            DropReason.RTCP_BAD_PADDING,
                            message,
                            "RTCP padding count " + padding + " must be 1.." + (length - RtcpHeader.SIZE));
                }
            }
            DropReason body = checkBody(buf, p, type, length - padding);
            if (body != DropReason.NONE) {
                return fail(
                        body,
                        message,
                        "RTCP packet " + index + " (PT " + type + ", count " + RtcpHeader.count(buf, p)
                                + ") does not fit its " + (length - padding) + " bytes");
            }
        }
        return DropReason.NONE;
    }

    private static DropReason checkBody(byte[] buf, int p, int type, int contentLength) {
        switch (type) {
            case RtcpHeader.SR:
                return SenderReport.fits(buf, p, contentLength) ? DropReason.NONE : DropReason.RTCP_BODY_TRUNCATED;
            case RtcpHeader.RR:
                return ReceiverReport.fits(buf, p, contentLength) ? DropReason.NONE : DropReason.RTCP_BODY_TRUNCATED;
            case RtcpHeader.SDES:
                return SdesCursor.fits(buf, p, contentLength) ? DropReason.NONE : DropReason.RTCP_SDES_MALFORMED;
            case RtcpHeader.BYE:
                return Bye.fits(buf, p, contentLength) ? DropReason.NONE : DropReason.RTCP_BYE_MALFORMED;
            case RtcpHeader.APP:
                return App.fits(contentLength) ? DropReason.NONE : DropReason.RTCP_BODY_TRUNCATED;
            case RtcpHeader.RTPFB:
            case RtcpHeader.PSFB:
                return RtcpFeedback.fits(buf, p, contentLength) ? DropReason.NONE : DropReason.RTCP_FEEDBACK_MALFORMED;
            default:
                return DropReason.NONE;
        }
    }

    private static DropReason fail(DropReason reason, @Nullable StringBuilder message, String text) {
        if (message != null) {
            message.append(text);
        }
        return reason;
    }
}
