package dev.parley.ua.control.hip;

/**
 * RFC 4571 §2 framing of RTP packets on a TCP connection: each packet is preceded by its length
 * as an unsigned 16-bit big-endian integer.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             LENGTH            |  RTP or RTCP packet ...       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Rfc4571 {
    /** Bytes of the LENGTH field. */
    public static final int LENGTH_FIELD = 2;
    /** The longest packet a frame carries. */
    public static final int MAX_PACKET = 0xFFFF;

    private Rfc4571() {}

    /**
     * Writes the LENGTH field for a packet of {@code length} bytes at {@code buf[off]}; the packet
     * follows at {@code off + 2}. Returns the frame's total length.
     */
    public static int writeLength(byte[] buf, int off, int length) {
        if (length < 0 || length > MAX_PACKET) {
            throw new IllegalArgumentException("an RFC 4571 frame carries 0-65535 bytes, got " + length);
        }
        buf[off] = (byte) (length >>> 8);
        buf[off + 1] = (byte) length;
        return LENGTH_FIELD + length;
    }
}
