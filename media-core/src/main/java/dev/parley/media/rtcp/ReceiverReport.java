package dev.parley.media.rtcp;

import dev.parley.media.Bytes;

/**
 * Static accessors over an RR packet (RFC 3550 §6.4.2) at {@code off}; report blocks are read
 * with {@link ReportBlock} at {@link #reportBlockOffset}.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    RC   |   PT=RR=201   |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                     SSRC of packet sender                     |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 report blocks (RC × 24 bytes)                 |
 * </pre>
 */
public final class ReceiverReport {
    /** Header and sender SSRC, before the report blocks. */
    public static final int FIXED_SIZE = 8;

    private ReceiverReport() {}

    public static long senderSsrc(byte[] buf, int off) {
        return Bytes.u32(buf, off + 4);
    }

    public static int reportBlockCount(byte[] buf, int off) {
        return RtcpHeader.count(buf, off);
    }

    /** Offset in buf of the {@code index}-th report block. */
    public static int reportBlockOffset(int off, int index) {
        return off + FIXED_SIZE + ReportBlock.SIZE * index;
    }

    /** True when the header, SSRC and RC blocks fit {@code contentLength} bytes. */
    static boolean fits(byte[] buf, int off, int contentLength) {
        return contentLength >= FIXED_SIZE + ReportBlock.SIZE * reportBlockCount(buf, off);
    }

    /**
     * Writes header and sender SSRC for {@code blockCount} blocks, which the caller then writes
     * with {@link ReportBlock#write}; returns the whole packet's length.
     */
    public static int write(byte[] buf, int off, long senderSsrc, int blockCount) {
        int length = FIXED_SIZE + ReportBlock.SIZE * blockCount;
        RtcpHeader.write(buf, off, blockCount, RtcpHeader.RR, length);
        Bytes.put32(buf, off + 4, senderSsrc);
        return length;
    }
}
