package dev.parley.ua.control.hip;

import dev.parley.media.Bytes;
import dev.parley.media.DropReason;
import dev.parley.media.rtp.RtpHeader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads one RTP packet of the negotiated {@code hip/90000} payload type into a {@link
 * HipMessage} (draft-boyaci-avt-app-sharing-00 §6), checking it against the controlled screen.
 * Never throws on input: a packet that is not a well-formed HIP message for this screen is
 * counted under its {@link HipDrop} and answered with empty. One owner thread per instance.
 */
public final class HipDecoder {
    private final int payloadType;
    private final ScreenSize screen;
    private final HipDropCounters drops;
    private HipDrop lastDrop = HipDrop.RTP_MALFORMED;

    public HipDecoder(int payloadType, ScreenSize screen, HipDropCounters drops) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("an RTP payload type is 0-127, got " + payloadType);
        }
        this.payloadType = payloadType;
        this.screen = Objects.requireNonNull(screen, "screen");
        this.drops = Objects.requireNonNull(drops, "drops");
    }

    /** The message in {@code buf[off, off+len)}, or empty after counting why it was dropped. */
    public Optional<HipMessage> decode(byte[] buf, int off, int len) {
        if (RtpHeader.validate(buf, off, len) != DropReason.NONE) {
            return drop(HipDrop.RTP_MALFORMED);
        }
        if (RtpHeader.payloadType(buf, off) != payloadType) {
            return drop(HipDrop.WRONG_PAYLOAD_TYPE);
        }
        int at = RtpHeader.payloadOffset(buf, off);
        int length = RtpHeader.payloadLength(buf, off, len);
        if (length < HipCodec.COMMON_HEADER) {
            return drop(HipDrop.TOO_SHORT);
        }
        Optional<HipMessageType> type = HipMessageType.of(Bytes.u8(buf, at));
        if (type.isEmpty()) {
            return drop(HipDrop.UNKNOWN_TYPE);
        }
        int parameter = Bytes.u8(buf, at + 1);
        int windowId = Bytes.u16(buf, at + 2);
        int body = at + HipCodec.COMMON_HEADER;
        int bodyLength = length - HipCodec.COMMON_HEADER;
        int fixed = HipCodec.fixedBodyLength(type.get());
        if (fixed >= 0 && bodyLength != fixed) {
            return drop(HipDrop.WRONG_LENGTH);
        }
        if (windowId != 0) {
            return drop(HipDrop.UNKNOWN_WINDOW);
        }
        return switch (type.get()) {
            case MOUSE_PRESSED, MOUSE_RELEASED -> button(type.get(), parameter, buf, body);
            case MOUSE_MOVED ->
                onScreen(buf, body) ? Optional.of(new HipMessage.MouseMoved(x(buf, body), y(buf, body))) : off();
            case MOUSE_WHEEL_MOVED ->
                onScreen(buf, body)
                        ? Optional.of(new HipMessage.MouseWheelMoved(
                                x(buf, body), y(buf, body), (int) Bytes.u32(buf, body + 8)))
                        : off();
            case KEY_PRESSED, KEY_RELEASED -> key(type.get(), (int) Bytes.u32(buf, body));
            case KEY_TYPED -> text(buf, body, bodyLength);
        };
    }

    /** Why the last empty answer was dropped. */
    public HipDrop lastDrop() {
        return lastDrop;
    }

    private Optional<HipMessage> button(HipMessageType type, int parameter, byte[] buf, int body) {
        Optional<MouseButton> button = MouseButton.of(parameter);
        if (button.isEmpty()) {
            return drop(HipDrop.UNKNOWN_BUTTON);
        }
        if (!onScreen(buf, body)) {
            return off();
        }
        return Optional.of(
                type == HipMessageType.MOUSE_PRESSED
                        ? new HipMessage.MousePressed(button.get(), x(buf, body), y(buf, body))
                        : new HipMessage.MouseReleased(button.get(), x(buf, body), y(buf, body)));
    }

    private Optional<HipMessage> key(HipMessageType type, int keyCode) {
        if (keyCode <= 0) {
            return drop(HipDrop.BAD_KEY_CODE);
        }
        return Optional.of(
                type == HipMessageType.KEY_PRESSED
                        ? new HipMessage.KeyPressed(keyCode)
                        : new HipMessage.KeyReleased(keyCode));
    }

    private Optional<HipMessage> text(byte[] buf, int body, int length) {
        if (length == 0) {
            return drop(HipDrop.EMPTY_TEXT);
        }
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, body, length))
                    .toString();
            return Optional.of(new HipMessage.KeyTyped(text));
        } catch (CharacterCodingException e) {
            return drop(HipDrop.BAD_UTF8);
        }
    }

    private boolean onScreen(byte[] buf, int body) {
        return screen.contains(Bytes.u32(buf, body), Bytes.u32(buf, body + 4));
    }

    private static int x(byte[] buf, int body) {
        return (int) Bytes.u32(buf, body);
    }

    private static int y(byte[] buf, int body) {
        return (int) Bytes.u32(buf, body + 4);
    }

    private Optional<HipMessage> off() {
        return drop(HipDrop.OUTSIDE_SCREEN);
    }

    private Optional<HipMessage> drop(HipDrop why) {
        drops.count(why);
        lastDrop = why;
        return Optional.empty();
    }
}
