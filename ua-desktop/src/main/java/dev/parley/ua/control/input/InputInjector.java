package dev.parley.ua.control.input;

/**
 * What the controlled desktop can be made to do, in its own screen pixels and Java virtual key
 * codes. {@link RobotInjector} does it for real; a method throws {@link IllegalArgumentException}
 * for a key or button this desktop does not have.
 */
public interface InputInjector {
    void mouseMove(int x, int y);

    /** {@code button}: 1 left, 2 middle, 3 right ({@link java.awt.event.InputEvent#getMaskForButton}). */
    void mousePress(int button);

    void mouseRelease(int button);

    /** Java's sense: positive notches turn the wheel toward the user (scroll down). */
    void mouseWheel(int notches);

    void keyPress(int keyCode);

    void keyRelease(int keyCode);
}
