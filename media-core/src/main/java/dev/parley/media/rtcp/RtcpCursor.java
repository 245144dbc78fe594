package dev.parley.media.rtcp;

/**
 * A reusable cursor over the packets of a compound RTCP packet that passed {@link
 * RtcpCompound#validate} (RFC 3550 §6.1); no allocation. Each step exposes the packet's offset,
 * type, count and length, for the accessor classes ({@link SenderReport}, {@link SdesCursor},
 * {@link GenericNack}, ...) to read.
 */
public final class RtcpCursor {
    private byte[] buf = new byte[0];
    private int next;
    private int end;
    private int offset;
    private int length;
    private int contentLength;

    public RtcpCursor reset(byte[] buf, int off, int len) {
        this.buf = buf;
        this.next = off;
        this.end = off + len;
        return this;
    }

    /** Moves to the next packet; false after the last. */
    public boolean next() {
        if (next >= end) {
            return false;
        }
        offset = next;
        length = RtcpHeader.lengthBytes(buf, offset);
        contentLength = RtcpHeader.hasPadding(buf, offset) ? length - (buf[offset + length - 1] & 0xFF) : length;
        next = offset + length;
        return true;
    }

    /** Offset in buf of the current packet's header. */
    public int offset() {
        return offset;
    }

    /** The current packet's length in bytes, padding included. */
    public int length() {
        return length;
    }

    /** The current packet's length in bytes without padding. */
    public int contentLength() {
        return contentLength;
    }

    public int packetType() {
        return RtcpHeader.packetType(buf, offset);
    }

    /** The count field: RC, SC, subtype or FMT. */
    public int count() {
        return RtcpHeader.count(buf, offset);
    }
}
