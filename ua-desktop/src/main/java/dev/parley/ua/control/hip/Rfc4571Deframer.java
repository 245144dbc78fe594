package dev.parley.ua.control.hip;

/**
 * Splits a TCP byte stream back into the packets of RFC 4571 §2, whatever the reads' sizes: a
 * read may end in the middle of a LENGTH field or a packet, or hold several frames. Bytes are
 * copied once, into a buffer of one maximal frame. One owner thread.
 */
public final class Rfc4571Deframer {
    /** Receives each complete packet; the bytes are valid only during the call. */
    @FunctionalInterface
    public interface PacketSink {
        void packet(byte[] buf, int off, int len);
    }

    private final byte[] frame = new byte[Rfc4571.MAX_PACKET];
    private int lengthBytes;
    private int expected;
    private int filled;
    private long packets;

    /** Consumes {@code data[off, off+len)}, handing every packet it completes to {@code sink}. */
    public void feed(byte[] data, int off, int len, PacketSink sink) {
        int at = off;
        int end = off + len;
        while (at < end) {
            if (lengthBytes < Rfc4571.LENGTH_FIELD) {
                expected = (expected << 8) | (data[at++] & 0xFF);
                lengthBytes++;
                if (lengthBytes == Rfc4571.LENGTH_FIELD && expected == 0) {
                    complete(sink);
                }
                continue;
            }
            int n = Math.min(expected - filled, end - at);
            System.arraycopy(data, at, frame, filled, n);
            filled += n;
            at += n;
            if (filled == expected) {
                complete(sink);
            }
        }
    }

    /** True when the stream stopped inside a frame: at end of stream, a truncated last frame. */
    public boolean inFrame() {
        return lengthBytes > 0;
    }

    /** Complete packets handed out so far. */
    public long packets() {
        return packets;
    }

    private void complete(PacketSink sink) {
        int length = expected;
        lengthBytes = 0;
        expected = 0;
        filled = 0;
        packets++;
        sink.packet(frame, 0, length);
    }
}
