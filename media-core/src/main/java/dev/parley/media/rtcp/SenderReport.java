package dev.parley.media.rtcp;

import dev.parley.media.Bytes;

/**
 * Static accessors over an SR packet (RFC 3550 §6.4.1) at {@code off}; report blocks follow the
 * sender info and are read with {@link ReportBlock} at {@link #reportBlockOffset}.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    RC   |   PT=SR=200   |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         SSRC of sender                        |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |              NTP timestamp, most significant word             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             NTP timestamp, least significant word             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         RTP timestamp                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     sender's packet count                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      sender's octet count                     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 report blocks (RC × 24 bytes)                 |
 * </pre>
 */
public final class SenderReport {
    /** Header, sender SSRC and sender info, before the report blocks. */
    public static final int FIXED_SIZE = 28;

    private SenderReport() {}

    public static long senderSsrc(byte[] buf, int off) {
        return Bytes.u32(buf, off + 4);
    }

    /** The 64-bit NTP timestamp (seconds since 1900 in the high word, fraction in the low). */
    public static long ntpTimestamp(byte[] buf, int off) {
        return Bytes.u64(buf, off + 8);
    }

    public static long rtpTimestamp(byte[] buf, int off) {
        return Bytes.u32(buf, off + 16);
    }

    public static long packetCount(byte[] buf, int off) {
        return Bytes.u32(buf, off + 20);
    }

    public static long octetCount(byte[] buf, int off) {
        return Bytes.u32(buf, off + 24);
    }

    public static int reportBlockCount(byte[] buf, int off) {
        return RtcpHeader.count(buf, off);
    }

    /** Offset in buf of the {@code index}-th report block. */
    public static int reportBlockOffset(int off, int index) {
        return off + FIXED_SIZE + ReportBlock.SIZE * index;
    }

    /** True when the header, sender info and RC blocks fit {@code contentLength} bytes. */
    static boolean fits(byte[] buf, int off, int contentLength) {
        return contentLength >= FIXED_SIZE + ReportBlock.SIZE * reportBlockCount(buf, off);
    }

    /**
     * Writes header, sender SSRC and sender info for {@code blockCount} blocks, which the caller
     * then writes with {@link ReportBlock#write} at {@link #reportBlockOffset}; returns the whole
     * packet's length.
     */
    public static int write(
            byte[] buf,
            int off,
            long senderSsrc,
            long ntpTimestamp,
            long rtpTimestamp,
            long packetCount,
            long octetCount,
            int blockCount) {
        int length = FIXED_SIZE + ReportBlock.SIZE * blockCount;
        RtcpHeader.write(buf, off, blockCount, RtcpHeader.SR, length);
        Bytes.put32(buf, off + 4, senderSsrc);
        Bytes.put64(buf, off + 8, ntpTimestamp);
        Bytes.put32(buf, off + 16, rtpTimestamp);
        Bytes.put32(buf, off + 20, packetCount);
        Bytes.put32(buf, off + 24, octetCount);
        return length;
    }
}
