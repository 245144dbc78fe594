package dev.parley.media.rtcp;

import dev.parley.media.Bytes;

/**
 * Static accessors over an APP packet (RFC 3550 §6.7) at {@code off}.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| subtype |   PT=APP=204  |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           SSRC/CSRC                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          name (ASCII)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   application-dependent data                ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class App {
    /** Header, SSRC and name, before the data. */
    public static final int FIXED_SIZE = 12;

    private App() {}

    public static int subtype(byte[] buf, int off) {
        return RtcpHeader.count(buf, off);
    }

    public static long ssrc(byte[] buf, int off) {
        return Bytes.u32(buf, off + 4);
    }

    /** The four ASCII name bytes as one big-endian int, e.g. {@code 'P' 'R' 'L' 'Y'}. */
    public static int name(byte[] buf, int off) {
        return (int) Bytes.u32(buf, off + 8);
    }

    public static int dataOffset(int off) {
        return off + FIXED_SIZE;
    }

    /** Length of the data, a multiple of 4, given the packet's length without padding. */
    public static int dataLength(int contentLength) {
        return contentLength - FIXED_SIZE;
    }

    static boolean fits(int contentLength) {
        return contentLength >= FIXED_SIZE;
    }

    /**
     * Writes an APP packet with {@code length} data bytes (a multiple of 4, RFC 3550 §6.7);
     * returns the packet's length.
     */
    public static int write(
            byte[] buf, int off, int subtype, long ssrc, int name, byte[] data, int dataOff, int length) {
        if (length % 4 != 0) {
            throw new IllegalArgumentException("APP data must be a multiple of 4 bytes, got " + length);
        }
        RtcpHeader.write(buf, off, subtype, RtcpHeader.APP, FIXED_SIZE + length);
        Bytes.put32(buf, off + 4, ssrc);
        Bytes.put32(buf, off + 8, name & 0xFFFFFFFFL);
        System.arraycopy(data, dataOff, buf, off + FIXED_SIZE, length);
        return FIXED_SIZE + length;
    }
}
