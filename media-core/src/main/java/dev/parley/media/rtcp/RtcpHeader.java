package dev.parley.media.rtcp;

import dev.parley.media.Bytes;

/**
 * Static accessors over the common header every RTCP packet starts with (RFC 3550 §6.4.1), at
 * {@code off} in {@code buf}. The count field is RC, SC, subtype or FMT depending on the type.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  count  |      PT       |   length (32-bit words - 1)   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class RtcpHeader {
    /** Size of the common header in bytes. */
    public static final int SIZE = 4;

    /** Sender report (RFC 3550 §6.4.1). */
    public static final int SR = 200;
    /** Receiver report (RFC 3550 §6.4.2). */
    public static final int RR = 201;
    /** Source description (RFC 3550 §6.5). */
    public static final int SDES = 202;
    /** Goodbye (RFC 3550 §6.6). */
    public static final int BYE = 203;
    /** Application-defined (RFC 3550 §6.7). */
    public static final int APP = 204;
    /** Transport-layer feedback (RFC 4585 §6.2), e.g. generic NACK. */
    public static final int RTPFB = 205;
    /** Payload-specific feedback (RFC 4585 §6.3), e.g. PLI, FIR. */
    public static final int PSFB = 206;

    private RtcpHeader() {}

    public static int version(byte[] buf, int off) {
        return (buf[off] & 0xC0) >>> 6;
    }

    public static boolean hasPadding(byte[] buf, int off) {
        return (buf[off] & 0x20) != 0;
    }

    /** The 5-bit count field: RC, SC, APP subtype or feedback FMT. */
    public static int count(byte[] buf, int off) {
        return buf[off] & 0x1F;
    }

    public static int packetType(byte[] buf, int off) {
        return buf[off + 1] & 0xFF;
    }

    /** The length field: the packet's size in 32-bit words minus one. */
    public static int lengthWords(byte[] buf, int off) {
        return Bytes.u16(buf, off + 2);
    }

    /** The packet's size in bytes, header and padding included. */
    public static int lengthBytes(byte[] buf, int off) {
        return (lengthWords(buf, off) + 1) * 4;
    }

    /** The first SSRC after the header (sender of SR, RR, feedback; first of SDES, BYE, APP). */
    public static long ssrc(byte[] buf, int off) {
        return Bytes.u32(buf, off + 4);
    }

    /**
     * Writes a header with V=2, P=0 for a packet of {@code lengthBytes} (a multiple of 4);
     * returns 4.
     */
    public static int write(byte[] buf, int off, int count, int packetType, int lengthBytes) {
        if (count < 0 || count > 31 || lengthBytes < SIZE || lengthBytes % 4 != 0) {
            throw new IllegalArgumentException(
                    "RTCP header needs count 0..31 and a length multiple of 4, got " + count + ", " + lengthBytes);
        }
        buf[off] = (byte) (0x80 | count);
        buf[off + 1] = (byte) packetType;
        Bytes.put16(buf, off + 2, lengthBytes / 4 - 1);
        return SIZE;
    }
}
