package dev.parley.ua.control.hip;

import dev.parley.media.Bytes;
import dev.parley.media.rtp.RtpHeaderWriter;
import java.nio.charset.StandardCharsets;

/**
 * Writes one HIP message as an RTP packet (draft-boyaci-avt-app-sharing-00 §6.1): the RTP fixed
 * header with M=0 (§6.1.1), the common remoting/HIP header, then the message-specific fields,
 * all big-endian:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Msg Type     |    Parameter  |          WindowID             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  mouse: Left (32), Top (32) [, wheel: Distance (32)]          |
 * |  key pressed/released: KeyCode (32)   key typed: UTF-8 text   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Parameter is the mouse button for MousePressed/MouseReleased and 0 otherwise; WindowID is 0,
 * the whole shared screen.
 */
public final class HipCodec {
    /** The RTP fixed header Parley writes: no CSRC, no extension, no padding. */
    public static final int RTP_HEADER = 12;
    /** The common remoting/HIP header (§5.1.2). */
    public static final int COMMON_HEADER = 4;
    /** The largest packet: what one RFC 4571 frame carries. */
    public static final int MAX_PACKET = 0xFFFF;

    private HipCodec() {}

    /**
     * Writes {@code message} as an RTP packet at {@code buf[off]}; returns its length. The buffer
     * needs {@link #packetLength} bytes from {@code off}.
     */
    public static int write(
            HipMessage message, byte[] buf, int off, int payloadType, int sequenceNumber, long timestamp, long ssrc) {
        RtpHeaderWriter.writeFixed(buf, off, false, payloadType, sequenceNumber, timestamp, ssrc);
        int at = off + RTP_HEADER;
        buf[at] = (byte) message.type().value();
        buf[at + 1] = (byte) parameter(message);
        Bytes.put16(buf, at + 2, 0);
        at += COMMON_HEADER;
        if (message instanceof HipMessage.MousePressed m) {
            at = point(buf, at, m.x(), m.y());
        } else if (message instanceof HipMessage.MouseReleased m) {
            at = point(buf, at, m.x(), m.y());
        } else if (message instanceof HipMessage.MouseMoved m) {
            at = point(buf, at, m.x(), m.y());
        } else if (message instanceof HipMessage.MouseWheelMoved m) {
            at = point(buf, at, m.x(), m.y());
            Bytes.put32(buf, at, m.distance());
            at += 4;
        } else if (message instanceof HipMessage.KeyPressed k) {
            Bytes.put32(buf, at, k.keyCode());
            at += 4;
        } else if (message instanceof HipMessage.KeyReleased k) {
            Bytes.put32(buf, at, k.keyCode());
            at += 4;
        } else if (message instanceof HipMessage.KeyTyped t) {
            byte[] text = t.text().getBytes(StandardCharsets.UTF_8);
            System.arraycopy(text, 0, buf, at, text.length);
            at += text.length;
        }
        return at - off;
    }

    /** The RTP packet length {@link #write} produces for {@code message}. */
    public static int packetLength(HipMessage message) {
        return RTP_HEADER + COMMON_HEADER + bodyLength(message);
    }

    /** Length of the message-specific part for fixed-size types; -1 for KeyTyped (variable). */
    static int fixedBodyLength(HipMessageType type) {
        return switch (type) {
            case MOUSE_PRESSED, MOUSE_RELEASED, MOUSE_MOVED -> 8;
            case MOUSE_WHEEL_MOVED -> 12;
            case KEY_PRESSED, KEY_RELEASED -> 4;
            case KEY_TYPED -> -1;
        };
    }

    private static int bodyLength(HipMessage message) {
        if (message instanceof HipMessage.KeyTyped t) {
            return t.text().getBytes(StandardCharsets.UTF_8).length;
        }
        return fixedBodyLength(message.type());
    }

    private static int parameter(HipMessage message) {
        if (message instanceof HipMessage.MousePressed m) {
            return m.button().value();
        }
        if (message instanceof HipMessage.MouseReleased m) {
            return m.button().value();
        }
        return 0;
    }

    private static int point(byte[] buf, int at, int x, int y) {
        Bytes.put32(buf, at, x);
        Bytes.put32(buf, at + 4, y);
        return at + 8;
    }
}
