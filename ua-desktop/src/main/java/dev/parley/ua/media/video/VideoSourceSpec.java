package dev.parley.ua.media.video;

import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.io.IOException;
import java.util.Optional;

/**
 * A {@code --video-source} value: {@code testsrc}, {@code camera} or {@code camera:/dev/videoN},
 * {@code screen} (the whole X screen) or {@code screen:N} (monitor N, from 0), {@code none}.
 */
public record VideoSourceSpec(Kind kind, String argument) {
    public enum Kind {
        TESTSRC,
        CAMERA,
        SCREEN,
        NONE
    }

    /** The largest picture a screen is sent at (DESIGN.md: 1080p at 15 fps or less). */
    public static final FrameSize SCREEN_MAX = new FrameSize(1920, 1080);

    /** Parses a spec; {@link IllegalArgumentException} names what is accepted. */
    public static VideoSourceSpec parse(String spec) {
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        String arg = colon < 0 ? "" : spec.substring(colon + 1);
        return switch (name) {
            case "testsrc" -> new VideoSourceSpec(Kind.TESTSRC, arg);
            case "camera" -> new VideoSourceSpec(Kind.CAMERA, arg.isEmpty() ? "/dev/video0" : arg);
            case "screen" -> {
                if (!arg.isEmpty() && !arg.chars().allMatch(Character::isDigit)) {
                    throw new IllegalArgumentException("screen:N takes a monitor number, got " + arg);
                }
                yield new VideoSourceSpec(Kind.SCREEN, arg);
            }
            case "none" -> new VideoSourceSpec(Kind.NONE, arg);
            default ->
                throw new IllegalArgumentException(
                        "video source must be testsrc, camera[:DEVICE], screen[:MONITOR] or none, not " + spec);
        };
    }

    /**
     * Opens the source: the test pattern at {@code size} labelled {@code label}, the camera asked
     * for {@code size}, or the screen (x11grab on {@code $DISPLAY}, java.awt.Robot if that fails).
     */
    public VideoSource open(FrameSize size, int fps, String label) throws IOException {
        return switch (kind) {
            case TESTSRC -> new TestPatternSource(size, fps, label);
            case CAMERA -> GrabberSource.camera(argument, size, fps);
            case SCREEN -> openScreen(fps);
            case NONE -> new NoVideoSource();
        };
    }

    private VideoSource openScreen(int fps) throws IOException {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            throw new IOException("no X display to share: DISPLAY is not set");
        }
        Optional<Rectangle> monitor =
                argument.isEmpty() ? Optional.empty() : Optional.of(monitor(Integer.parseInt(argument)));
        try {
            return GrabberSource.screen(
                    display,
                    monitor.map(r -> r.x).orElse(0),
                    monitor.map(r -> r.y).orElse(0),
                    monitor.map(r -> new FrameSize(r.width & ~1, r.height & ~1)),
                    fps);
        } catch (IOException x11grabFailed) {
            if (GraphicsEnvironment.isHeadless()) {
                throw x11grabFailed;
            }
            Rectangle all = monitor.orElseGet(VideoSourceSpec::wholeDesktop);
            return new RobotScreenSource(all);
        }
    }

    private static Rectangle monitor(int index) throws IOException {
        if (GraphicsEnvironment.isHeadless()) {
            throw new IOException("cannot tell monitors apart without a display");
        }
        GraphicsDevice[] screens =
                GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices();
        if (index >= screens.length) {
            throw new IOException("there is no monitor " + index + " (this desktop has " + screens.length + ")");
        }
        return screens[index].getDefaultConfiguration().getBounds();
    }

    private static Rectangle wholeDesktop() {
        Rectangle all = new Rectangle();
        for (GraphicsDevice d :
                GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices()) {
            all = all.union(d.getDefaultConfiguration().getBounds());
        }
        return all;
    }
}
