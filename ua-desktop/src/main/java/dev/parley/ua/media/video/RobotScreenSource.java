package dev.parley.ua.media.video;

import java.awt.AWTException;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Optional;

/**
 * The screen through {@link Robot#createScreenCapture} (the fallback where x11grab is not
 * available): one rectangle of the desktop, a monitor's bounds or all of it. Not paced: the
 * caller's clock decides the frame rate.
 */
public final class RobotScreenSource implements VideoSource {
    private final Robot robot;
    private final Rectangle area;
    private final FrameSize size;

    public RobotScreenSource(Rectangle area) throws IOException {
        try {
            this.robot = new Robot();
        } catch (AWTException | SecurityException e) {
            throw new IOException("cannot capture the screen: " + e.getMessage(), e);
        }
        this.area = new Rectangle(area.x, area.y, area.width & ~1, area.height & ~1);
        this.size = new FrameSize(this.area.width, this.area.height);
    }

    @Override
    public FrameSize size() {
        return size;
    }

    @Override
    public Optional<BufferedImage> grab() {
        return Optional.of(robot.createScreenCapture(area));
    }

    @Override
    public void close() {}
}
