package dev.parley.media.rtcp;

import dev.parley.media.Bytes;

/**
 * Writes an SDES packet (RFC 3550 §6.5): {@link #begin}, then per source {@link #chunk} and its
 * {@link #item}s, then {@link #finish}. Reusable; no allocation.
 */
public final class SdesWriter {
    private byte[] buf = new byte[0];
    private int packetOffset;
    private int pos;
    private int chunks;
    private boolean inChunk;

    public SdesWriter begin(byte[] buf, int off) {
        this.buf = buf;
        this.packetOffset = off;
        this.pos = off + RtcpHeader.SIZE;
        this.chunks = 0;
        this.inChunk = false;
        return this;
    }

    /** Starts the chunk of one SSRC or CSRC, ending the previous one. */
    public SdesWriter chunk(long ssrc) {
        if (chunks == 31) {
            throw new IllegalStateException("an SDES packet holds at most 31 chunks");
        }
        endChunk();
        Bytes.put32(buf, pos, ssrc);
        pos += 4;
        chunks++;
        inChunk = true;
        return this;
    }

    /** Adds one item, e.g. {@link SdesCursor#CNAME}, with 0..255 bytes of UTF-8 text. */
    public SdesWriter item(int type, byte[] text, int textOff, int length) {
        if (!inChunk || type < 1 || type > 255 || length < 0 || length > 255) {
            throw new IllegalArgumentException(
                    "SDES item needs a chunk, type 1..255 and 0..255 bytes, got type " + type + ", " + length);
        }
        buf[pos] = (byte) type;
        buf[pos + 1] = (byte) length;
        System.arraycopy(text, textOff, buf, pos + 2, length);
        pos += 2 + length;
        return this;
    }

    /** Ends the last chunk, writes the header; returns the packet's length. */
    public int finish() {
        endChunk();
        int length = pos - packetOffset;
        RtcpHeader.write(buf, packetOffset, chunks, RtcpHeader.SDES, length);
        return length;
    }

    private void endChunk() {
        if (!inChunk) {
            return;
        }
        buf[pos++] = SdesCursor.END;
        while ((pos - packetOffset) % 4 != 0) {
            buf[pos++] = 0;
        }
        inChunk = false;
    }
}
