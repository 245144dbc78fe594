package dev.parley.media.rtcp;

import dev.parley.media.Bytes;

/**
 * A reusable cursor over the chunks and items of an SDES packet (RFC 3550 §6.5); no allocation.
 * The packet must have passed {@link RtcpCompound#validate}.
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|    SC   |  PT=SDES=202  |             length            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                          SSRC/CSRC_1                          |  chunk 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     type      |    length     |  text (length bytes)        ...  items
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  0 (end)      |  zero padding to a 32-bit boundary              |
 * </pre>
 */
public final class SdesCursor {
    /** Item types (RFC 3550 §6.5.1–§6.5.8). */
    public static final int END = 0;

    public static final int CNAME = 1;
    public static final int NAME = 2;
    public static final int EMAIL = 3;
    public static final int PHONE = 4;
    public static final int LOC = 5;
    public static final int TOOL = 6;
    public static final int NOTE = 7;
    public static final int PRIV = 8;

    private byte[] buf = new byte[0];
    private int packetOffset;
    private int chunksLeft;
    private int nextChunk;
    private int itemPos;
    private long chunkSsrc;
    private int itemType;
    private int itemOffset;
    private int itemLength;

    /** Points the cursor before the first chunk of the SDES packet at {@code off}. */
    public SdesCursor reset(byte[] buf, int off) {
        this.buf = buf;
        this.packetOffset = off;
        this.chunksLeft = RtcpHeader.count(buf, off);
        this.nextChunk = off + RtcpHeader.SIZE;
        this.itemPos = nextChunk;
        return this;
    }

    /** Moves to the next chunk; its items are then read with {@link #nextItem}. */
    public boolean nextChunk() {
        if (chunksLeft == 0) {
            return false;
        }
        chunksLeft--;
        chunkSsrc = Bytes.u32(buf, nextChunk);
        itemPos = nextChunk + 4;
        int p = itemPos;
        while (buf[p] != END) {
            p += 2 + Bytes.u8(buf, p + 1);
        }
        nextChunk = align(packetOffset, p + 1);
        return true;
    }

    /** Moves to the next item of the current chunk; false at the chunk's end marker. */
    public boolean nextItem() {
        if (itemPos >= nextChunk || buf[itemPos] == END) {
            return false;
        }
        itemType = Bytes.u8(buf, itemPos);
        itemLength = Bytes.u8(buf, itemPos + 1);
        itemOffset = itemPos + 2;
        itemPos = itemOffset + itemLength;
        return true;
    }

    public long chunkSsrc() {
        return chunkSsrc;
    }

    public int itemType() {
        return itemType;
    }

    /** Offset in buf of the current item's text (UTF-8, RFC 3550 §6.5). */
    public int itemOffset() {
        return itemOffset;
    }

    public int itemLength() {
        return itemLength;
    }

    /** True when SC chunks, each with its end marker and padding, fit {@code contentLength}. */
    static boolean fits(byte[] buf, int off, int contentLength) {
        int end = off + contentLength;
        int p = off + RtcpHeader.SIZE;
        for (int chunk = RtcpHeader.count(buf, off); chunk > 0; chunk--) {
            p += 4;
            while (true) {
                if (p >= end) {
                    return false;
                }
                if (buf[p] == END) {
                    p++;
                    break;
                }
                if (p + 2 > end) {
                    return false;
                }
                p += 2 + Bytes.u8(buf, p + 1);
            }
            p = align(off, p);
            if (p > end) {
                return false;
            }
        }
        return true;
    }

    private static int align(int base, int p) {
        return base + ((p - base + 3) & ~3);
    }
}
