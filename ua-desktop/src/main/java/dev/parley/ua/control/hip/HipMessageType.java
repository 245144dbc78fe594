package dev.parley.ua.control.hip;

import java.util.Optional;

/** The HIP message types and their registry values (draft-boyaci-avt-app-sharing-00 §6.1.2, Table 3). */
public enum HipMessageType {
    MOUSE_PRESSED(121),
    MOUSE_RELEASED(122),
    MOUSE_MOVED(123),
    MOUSE_WHEEL_MOVED(124),
    KEY_PRESSED(125),
    KEY_RELEASED(126),
    KEY_TYPED(127);

    private final int value;

    HipMessageType(int value) {
        this.value = value;
    }

    /** The 8-bit Msg Type field of the common remoting/HIP header. */
    public int value() {
        return value;
    }

    /** The type for a Msg Type field; empty for values this draft does not define. */
    public static Optional<HipMessageType> of(int value) {
        for (HipMessageType t : values()) {
            if (t.value == value) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
