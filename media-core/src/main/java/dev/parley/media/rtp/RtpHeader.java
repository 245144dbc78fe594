package dev.parley.media.rtp;

import dev.parley.media.Bytes;
import dev.parley.media.DropReason;

/**
 * Static accessors over an RTP fixed header, CSRC list and header extension in {@code (buf, off,
 * len)} (RFC 3550 §5.1, §5.3.1). Nothing is copied or allocated; call {@link #validate} (hot
 * path) or {@link #check} once before the other accessors, which assume a valid packet.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      defined by profile       |           length              |  (if X)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        header extension                       |
 * |                             ....                              |
 * </pre>
 */
public final class RtpHeader {
    /** Size of the fixed header in bytes. */
    public static final int FIXED_HEADER_SIZE = 12;
    /** The only RTP version (RFC 3550 §5.1). */
    public static final int VERSION = 2;

    private RtpHeader() {}

    public static int version(byte[] buf, int off) {
        return (buf[off] & 0xC0) >>> 6;
    }

    public static boolean hasPadding(byte[] buf, int off) {
        return (buf[off] & 0x20) != 0;
    }

    public static boolean hasExtension(byte[] buf, int off) {
        return (buf[off] & 0x10) != 0;
    }

    public static int csrcCount(byte[] buf, int off) {
        return buf[off] & 0x0F;
    }

    public static boolean marker(byte[] buf, int off) {
        return (buf[off + 1] & 0x80) != 0;
    }

    public static int payloadType(byte[] buf, int off) {
        return buf[off + 1] & 0x7F;
    }

    public static int sequenceNumber(byte[] buf, int off) {
        return Bytes.u16(buf, off + 2);
    }

    /** The 32-bit timestamp, unsigned. */
    public static long timestamp(byte[] buf, int off) {
        return Bytes.u32(buf, off + 4);
    }

    /** The 32-bit SSRC, unsigned. */
    public static long ssrc(byte[] buf, int off) {
        return Bytes.u32(buf, off + 8);
    }

    /** The {@code index}-th CSRC (0-based, below {@link #csrcCount}), unsigned. */
    public static long csrc(byte[] buf, int off, int index) {
        return Bytes.u32(buf, off + FIXED_HEADER_SIZE + 4 * index);
    }

    /** Offset of the extension header (the "defined by profile" field), relative to buf. */
    public static int extensionOffset(byte[] buf, int off) {
        return off + FIXED_HEADER_SIZE + 4 * csrcCount(buf, off);
    }

    /** The 16-bit "defined by profile" field of the header extension; X must be set. */
    public static int extensionProfile(byte[] buf, int off) {
        return Bytes.u16(buf, extensionOffset(buf, off));
    }

    /** Length of the extension data in bytes (the length field times 4); 0 without X. */
    public static int extensionDataLength(byte[] buf, int off) {
        return hasExtension(buf, off) ? 4 * Bytes.u16(buf, extensionOffset(buf, off) + 2) : 0;
    }

    /** Header length in bytes: fixed header, CSRC list and the whole extension if X is set. */
    public static int headerLength(byte[] buf, int off) {
        int length = FIXED_HEADER_SIZE + 4 * csrcCount(buf, off);
        return hasExtension(buf, off) ? length + 4 + extensionDataLength(buf, off) : length;
    }

    /** Number of padding bytes at the end, including the count byte itself; 0 without P. */
    public static int paddingLength(byte[] buf, int off, int len) {
        return hasPadding(buf, off) ? buf[off + len - 1] & 0xFF : 0;
    }

    /** Payload offset relative to buf. */
    public static int payloadOffset(byte[] buf, int off) {
        return off + headerLength(buf, off);
    }

    /** Payload length in bytes, without header and padding. */
    public static int payloadLength(byte[] buf, int off, int len) {
        return len - headerLength(buf, off) - paddingLength(buf, off, len);
    }

    /**
     * Checks every length in the packet without allocating: version, CSRC list, extension,
     * RFC 8285 elements and padding. Returns {@link DropReason#NONE} for a valid packet.
     */
    public static DropReason validate(byte[] buf, int off, int len) {
        if (len < FIXED_HEADER_SIZE) {
            return DropReason.RTP_TOO_SHORT;
        }
        if (version(buf, off) != VERSION) {
            return DropReason.RTP_BAD_VERSION;
        }
        int headerLength = FIXED_HEADER_SIZE + 4 * csrcCount(buf, off);
        if (len < headerLength) {
            return DropReason.RTP_CSRC_TRUNCATED;
        }
        if (hasExtension(buf, off)) {
            if (len < headerLength + 4 || len < headerLength + 4 + extensionDataLength(buf, off)) {
                return DropReason.RTP_EXTENSION_TRUNCATED;
            }
            if (!HeaderExtensions.elementsFit(buf, off)) {
                return DropReason.RTP_EXTENSION_ELEMENT_MALFORMED;
            }
            headerLength += 4 + extensionDataLength(buf, off);
        }
        if (hasPadding(buf, off)) {
            int padding = buf[off + len - 1] & 0xFF;
            if (padding == 0 || padding > len - headerLength) {
                return DropReason.RTP_BAD_PADDING;
            }
        }
        return DropReason.NONE;
    }

    /**
     * Like {@link #validate} but throws, with a message naming the field and the sizes, for the
     * cold path and for tests.
     */
    public static void check(byte[] buf, int off, int len) throws RtpFormatException {
        DropReason reason = validate(buf, off, len);
        if (reason != DropReason.NONE) {
            throw new RtpFormatException(reason, describe(reason, buf, off, len));
        }
    }

    private static String describe(DropReason reason, byte[] buf, int off, int len) {
        if (reason == DropReason.RTP_TOO_SHORT) {
            return "RTP fixed header needs 12 bytes, got " + len;
        }
        int csrcEnd = FIXED_HEADER_SIZE + 4 * csrcCount(buf, off);
        switch (reason) {
            case RTP_BAD_VERSION:
                return "RTP version must be 2, got " + version(buf, off);
            case RTP_CSRC_TRUNCATED:
                return "CSRC list needs " + (csrcEnd - FIXED_HEADER_SIZE) + " bytes, got " + (len - FIXED_HEADER_SIZE);
            case RTP_EXTENSION_TRUNCATED:
                return len < csrcEnd + 4
                        ? "header extension needs 4 bytes at offset " + csrcEnd + ", got " + (len - csrcEnd)
                        : "header extension data needs " + extensionDataLength(buf, off) + " bytes, got "
                                + (len - csrcEnd - 4);
            case RTP_EXTENSION_ELEMENT_MALFORMED:
                return "RFC 8285 extension element overruns the " + extensionDataLength(buf, off)
                        + "-byte extension block";
            case RTP_BAD_PADDING:
                return "padding count " + (buf[off + len - 1] & 0xFF) + " must be 1.." + (len - headerLength(buf, off));
            default:
                return "RTP packet rejected: " + reason;
        }
    }
}
