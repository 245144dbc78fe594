package dev.parley.ua.control.input;

import dev.parley.ua.control.hip.ScreenSize;
import java.awt.AWTException;
import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;

/**
 * Injects input into the default screen with {@link Robot}: no delay between events, no wait for
 * the event queue (the controller paces its own input). Points are relative to that screen's
 * upper left corner, so a second monitor to its left does not shift them.
 */
public final class RobotInjector implements InputInjector {
    private final Robot robot;
    private final Rectangle bounds;

    private RobotInjector(Robot robot, Rectangle bounds) {
        this.robot = robot;
        this.bounds = bounds;
        robot.setAutoDelay(0);
        robot.setAutoWaitForIdle(false);
    }

    /** A robot on the default screen; fails on a headless JVM or a display that refuses it. */
    public static RobotInjector forDefaultScreen() throws AWTException {
        GraphicsDevice screen =
                GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice();
        return new RobotInjector(
                new Robot(screen), screen.getDefaultConfiguration().getBounds());
    }

    /** The default screen's size in pixels: what the controller's coordinates refer to. */
    public ScreenSize screenSize() {
        return new ScreenSize(bounds.width, bounds.height);
    }

    @Override
    public void mouseMove(int x, int y) {
        robot.mouseMove(bounds.x + x, bounds.y + y);
    }

    @Override
    public void mousePress(int button) {
        robot.mousePress(InputEvent.getMaskForButton(button));
    }

    @Override
    public void mouseRelease(int button) {
        robot.mouseRelease(InputEvent.getMaskForButton(button));
    }

    @Override
    public void mouseWheel(int notches) {
        robot.mouseWheel(notches);
    }

    @Override
    public void keyPress(int keyCode) {
        robot.keyPress(keyCode);
    }

    @Override
    public void keyRelease(int keyCode) {
        robot.keyRelease(keyCode);
    }
}
