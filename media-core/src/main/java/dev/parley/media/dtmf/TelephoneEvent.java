package dev.parley.media.dtmf;

import dev.parley.media.Bytes;
import dev.parley.media.DropReason;

/**
 * Static accessors over an RFC 4733 telephone-event payload (§2.3) at {@code off} of an RTP
 * packet's payload; the event codes 0..15 are the DTMF digits (§3.2).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     event     |E|R| volume    |          duration             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class TelephoneEvent {
    /** Size of one event block. */
    public static final int SIZE = 4;

    private static final String DIGITS = "0123456789*#ABCD";

    private TelephoneEvent() {}

    /** {@link DropReason#NONE} when {@code len} holds one event block. */
    public static DropReason validate(int len) {
        return len >= SIZE ? DropReason.NONE : DropReason.DTMF_PAYLOAD_TOO_SHORT;
    }

    public static int event(byte[] buf, int off) {
        return buf[off] & 0xFF;
    }

    /** The E bit: this packet ends the event (§2.3.3). */
    public static boolean end(byte[] buf, int off) {
        return (buf[off + 1] & 0x80) != 0;
    }

    /** Power level in -dBm0, 0..63 (§2.3.4). */
    public static int volume(byte[] buf, int off) {
        return buf[off + 1] & 0x3F;
    }

    /** Duration so far in RTP timestamp units, from the event's timestamp (§2.3.5). */
    public static int duration(byte[] buf, int off) {
        return Bytes.u16(buf, off + 2);
    }

    /** True for the DTMF events 0..15 (§3.2). */
    public static boolean isDtmf(int event) {
        return event >= 0 && event < DIGITS.length();
    }

    /** The key of a DTMF event: 0-9, *, #, A-D (RFC 4733 §3.2 table 7). */
    public static char symbol(int event) {
        if (!isDtmf(event)) {
            throw new IllegalArgumentException("not a DTMF event: " + event);
        }
        return DIGITS.charAt(event);
    }

    /** Writes one event block; returns {@link #SIZE}. */
    public static int write(byte[] buf, int off, int event, boolean end, int volume, int duration) {
        buf[off] = (byte) event;
        buf[off + 1] = (byte) ((end ? 0x80 : 0) | (volume & 0x3F));
        Bytes.put16(buf, off + 2, duration);
        return SIZE;
    }
}
