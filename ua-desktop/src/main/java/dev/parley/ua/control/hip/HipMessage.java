package dev.parley.ua.control.hip;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One HIP message (draft-boyaci-avt-app-sharing-00 §6.2–6.8). Coordinates are absolute, in the
 * controlled screen's pixels, origin at the upper left corner (§4.1); key codes are Java
 * virtual key codes ({@code java.awt.event.KeyEvent.VK_*}, §6.6).
 */
public sealed interface HipMessage {
    HipMessageType type();

    /** §6.2: press {@code button} at ({@code x}, {@code y}). */
    record MousePressed(MouseButton button, int x, int y) implements HipMessage {
        public MousePressed {
            Objects.requireNonNull(button, "button");
            checkPoint(x, y);
        }

        @Override
        public HipMessageType type() {
            return HipMessageType.MOUSE_PRESSED;
        }
    }

    /** §6.3: release {@code button} at ({@code x}, {@code y}). */
    record MouseReleased(MouseButton button, int x, int y) implements HipMessage {
        public MouseReleased {
            Objects.requireNonNull(button, "button");
            checkPoint(x, y);
        }

        @Override
        public HipMessageType type() {
            return HipMessageType.MOUSE_RELEASED;
        }
    }

    /** §6.4: move the pointer to ({@code x}, {@code y}). */
    record MouseMoved(int x, int y) implements HipMessage {
        public MouseMoved {
            checkPoint(x, y);
        }

        @Override
        public HipMessageType type() {
            return HipMessageType.MOUSE_MOVED;
        }
    }

    /**
     * §6.5: turn the wheel at ({@code x}, {@code y}) by {@code distance}, 120 per notch, positive
     * forward (away from the user).
     */
    record MouseWheelMoved(int x, int y, int distance) implements HipMessage {
        public MouseWheelMoved {
            checkPoint(x, y);
        }

        @Override
        public HipMessageType type() {
            return HipMessageType.MOUSE_WHEEL_MOVED;
        }
    }

    /** §6.6: press the key with Java virtual key code {@code keyCode}. */
    record KeyPressed(int keyCode) implements HipMessage {
        public KeyPressed {
            checkKeyCode(keyCode);
        }

        @Override
        public HipMessageType type() {
            return HipMessageType.KEY_PRESSED;
        }
    }

    /** §6.7: release the key with Java virtual key code {@code keyCode}. */
    record KeyReleased(int keyCode) implements HipMessage {
        public KeyReleased {
            checkKeyCode(keyCode);
        }

        @Override
        public HipMessageType type() {
            return HipMessageType.KEY_RELEASED;
        }
    }

    /** §6.8: type {@code text} (UTF-8 on the wire, not empty, at most {@link #MAX_TEXT_BYTES}). */
    record KeyTyped(String text) implements HipMessage {
        /** What fits in one RFC 4571 frame after the RTP and common headers. */
        public static final int MAX_TEXT_BYTES = 0xFFFF - HipCodec.RTP_HEADER - HipCodec.COMMON_HEADER;

        public KeyTyped {
            Objects.requireNonNull(text, "text");
            int bytes = text.getBytes(StandardCharsets.UTF_8).length;
            if (bytes == 0 || bytes > MAX_TEXT_BYTES) {
                throw new IllegalArgumentException("KeyTyped text needs 1.." + MAX_TEXT_BYTES + " bytes, got " + bytes);
            }
        }

        @Override
        public HipMessageType type() {
            return HipMessageType.KEY_TYPED;
        }
    }

    private static void checkPoint(int x, int y) {
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException("coordinates are absolute and not negative, got " + x + "," + y);
        }
    }

    private static void checkKeyCode(int keyCode) {
        if (keyCode <= 0) {
            throw new IllegalArgumentException("a Java virtual key code is positive, got " + keyCode);
        }
    }
}
