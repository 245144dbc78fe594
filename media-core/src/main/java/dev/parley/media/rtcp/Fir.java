package dev.parley.media.rtcp;

import dev.parley.media.Bytes;

/**
 * Full intra request (RFC 5104 §4.3.1): a PSFB message, FMT 4; the media source SSRC is 0 and
 * each FCI entry names a stream and a command sequence number that a repeated request keeps.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              SSRC                             |  × N
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Seq nr.       |    Reserved                                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class Fir {
    /** Size of one FCI entry. */
    public static final int ENTRY_SIZE = 8;

    private Fir() {}

    /** Number of FCI entries given the packet's length without padding. */
    public static int entryCount(int contentLength) {
        return (contentLength - RtcpFeedback.FIXED_SIZE) / ENTRY_SIZE;
    }

    public static long entrySsrc(byte[] buf, int off, int index) {
        return Bytes.u32(buf, RtcpFeedback.fciOffset(off) + ENTRY_SIZE * index);
    }

    public static int entrySequenceNumber(byte[] buf, int off, int index) {
        return Bytes.u8(buf, RtcpFeedback.fciOffset(off) + ENTRY_SIZE * index + 4);
    }

    /** Writes a FIR with {@code count} entries; returns the packet's length. */
    public static int write(byte[] buf, int off, long senderSsrc, long[] ssrcs, int[] sequenceNumbers, int count) {
        int length = RtcpFeedback.FIXED_SIZE + ENTRY_SIZE * count;
        RtcpFeedback.writeCommon(buf, off, RtcpFeedback.FMT_FIR, RtcpHeader.PSFB, senderSsrc, 0L, length);
        for (int i = 0; i < count; i++) {
            int at = RtcpFeedback.fciOffset(off) + ENTRY_SIZE * i;
            Bytes.put32(buf, at, ssrcs[i]);
            Bytes.put32(buf, at + 4, (long) (sequenceNumbers[i] & 0xFF) << 24);
        }
        return length;
    }
}
