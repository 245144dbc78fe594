package dev.parley.ua.control.hip;

import java.util.Optional;

/**
 * The mouse buttons of MousePressed/MouseReleased, carried in the Parameter field of the common
 * header (draft-boyaci-avt-app-sharing-00 §6.2): 1 left, 2 right, 3 middle.
 */
public enum MouseButton {
    LEFT(1),
    RIGHT(2),
    MIDDLE(3);

    private final int value;

    MouseButton(int value) {
        this.value = value;
    }

    /** The Parameter field's value for this button. */
    public int value() {
        return value;
    }

    /** The button for a Parameter value; empty for values the draft leaves to negotiation. */
    public static Optional<MouseButton> of(int value) {
        for (MouseButton b : values()) {
            if (b.value == value) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
