package dev.parley.media.rtcp;

import dev.parley.media.Bytes;

/**
 * Static accessors over a BYE packet (RFC 3550 §6.6) at {@code off} of {@code contentLength}
 * bytes (the packet without padding).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    SC   |   PT=BYE=203  |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           SSRC/CSRC                           |  × SC
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     length    |               reason for leaving            ...  (opt)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Bye {
    private Bye() {}

    public static int sourceCount(byte[] buf, int off) {
        return RtcpHeader.count(buf, off);
    }

    public static long source(byte[] buf, int off, int index) {
        return Bytes.u32(buf, off + RtcpHeader.SIZE + 4 * index);
    }

    /** True when a reason follows the SSRC list. */
    public static boolean hasReason(byte[] buf, int off, int contentLength) {
        return contentLength > RtcpHeader.SIZE + 4 * sourceCount(buf, off);
    }

    /** Offset in buf of the reason text; only if {@link #hasReason}. */
    public static int reasonOffset(byte[] buf, int off) {
        return off + RtcpHeader.SIZE + 4 * sourceCount(buf, off) + 1;
    }

    /** Length of the reason text in bytes, 0 without a reason. */
    public static int reasonLength(byte[] buf, int off, int contentLength) {
        return hasReason(buf, off, contentLength) ? Bytes.u8(buf, reasonOffset(buf, off) - 1) : 0;
    }

    static boolean fits(byte[] buf, int off, int contentLength) {
        int list = RtcpHeader.SIZE + 4 * sourceCount(buf, off);
        if (contentLength < list) {
            return false;
        }
        return contentLength == list || list + 1 + Bytes.u8(buf, off + list) <= contentLength;
    }

    /**
     * Writes a BYE for {@code count} sources and an optional reason of {@code reasonLength}
     * bytes (0 for none), padded with zeros to 32 bits; returns the packet's length.
     */
    public static int write(
            byte[] buf, int off, long[] sources, int count, byte[] reason, int reasonOff, int reasonLength) {
        if (count < 0 || count > 31 || count > sources.length || reasonLength < 0 || reasonLength > 255) {
            throw new IllegalArgumentException(
                    "BYE needs 0..31 sources and a 0..255-byte reason, got " + count + ", " + reasonLength);
        }
        int p = off + RtcpHeader.SIZE;
        for (int i = 0; i < count; i++, p += 4) {
            Bytes.put32(buf, p, sources[i]);
        }
        if (reasonLength > 0) {
            buf[p++] = (byte) reasonLength;
            System.arraycopy(reason, reasonOff, buf, p, reasonLength);
            p += reasonLength;
        }
        while ((p - off) % 4 != 0) {
            buf[p++] = 0;
        }
        RtcpHeader.write(buf, off, count, RtcpHeader.BYE, p - off);
        return p - off;
    }
}
