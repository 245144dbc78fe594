package dev.parley.media.rtcp;

import dev.parley.media.Bytes;

/**
 * Generic NACK (RFC 4585 §6.2.1): an RTPFB message, FMT 1, whose FCI is one or more PID/BLP
 * entries. PID is a lost sequence number; bit i of BLP (least significant first) marks PID+i+1
 * lost too.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            PID                |             BLP               |  × N
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class GenericNack {
    /** Size of one PID/BLP entry. */
    public static final int ENTRY_SIZE = 4;

    private GenericNack() {}

    /** Number of PID/BLP entries given the packet's length without padding. */
    public static int entryCount(int contentLength) {
        return (contentLength - RtcpFeedback.FIXED_SIZE) / ENTRY_SIZE;
    }

    public static int pid(byte[] buf, int off, int index) {
        return Bytes.u16(buf, RtcpFeedback.fciOffset(off) + ENTRY_SIZE * index);
    }

    public static int blp(byte[] buf, int off, int index) {
        return Bytes.u16(buf, RtcpFeedback.fciOffset(off) + ENTRY_SIZE * index + 2);
    }

    /**
     * Expands every entry into the lost sequence numbers, in order, into {@code out}; returns
     * how many were written (at most {@code out.length}).
     */
    public static int lostSequenceNumbers(byte[] buf, int off, int contentLength, int[] out) {
        int n = 0;
        for (int e = 0; e < entryCount(contentLength) && n < out.length; e++) {
            int pid = pid(buf, off, e);
            int blp = blp(buf, off, e);
            out[n++] = pid;
            for (int bit = 0; bit < 16 && n < out.length; bit++) {
                if ((blp & (1 << bit)) != 0) {
                    out[n++] = (pid + bit + 1) & 0xFFFF;
                }
            }
        }
        return n;
    }

    /**
     * Writes a NACK for {@code count} lost sequence numbers, ascending modulo 2^16, packing each
     * run of 17 into one PID/BLP entry; returns the packet's length.
     */
    public static int write(byte[] buf, int off, long senderSsrc, long mediaSsrc, int[] lost, int count) {
        int p = RtcpFeedback.fciOffset(off);
        int i = 0;
        while (i < count) {
            int pid = lost[i++] & 0xFFFF;
            int blp = 0;
            while (i < count) {
                int distance = (lost[i] - pid) & 0xFFFF;
                if (distance < 1 || distance > 16) {
                    break;
                }
                blp |= 1 << (distance - 1);
                i++;
            }
            Bytes.put16(buf, p, pid);
            Bytes.put16(buf, p + 2, blp);
            p += ENTRY_SIZE;
        }
        int length = p - off;
        RtcpFeedback.writeCommon(buf, off, RtcpFeedback.FMT_NACK, RtcpHeader.RTPFB, senderSsrc, mediaSsrc, length);
        return length;
    }
}
