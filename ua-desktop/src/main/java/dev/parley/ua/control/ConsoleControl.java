package dev.parley.ua.control;

import dev.parley.ua.control.hip.ScreenSize;
import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Remote control at the console ({@code parley console}): prints one line per event and reads
 * {@code allow}, {@code decline} and {@code stop}. As the controlled side's {@link
 * ControlledSide.Ui} it prints "NAME asks to control your screen: type allow or decline (30 s)",
 * then "NAME is controlling your screen — type stop to end it"; as the controller's {@link
 * ControllerSide.Ui} it prints the outcome of {@code control NAME}. The console's reader hands each
 * line to {@link #handle} first.
 */
public final class ConsoleControl implements ControlledSide.Ui, ControllerSide.Ui {
    private final PrintStream out;
    private final Supplier<ControlledSide> side;
    private volatile Optional<String> asked = Optional.empty();
    private volatile boolean seen;

    public ConsoleControl(PrintStream out, Supplier<ControlledSide> side) {
        this.out = Objects.requireNonNull(out, "out");
        this.side = Objects.requireNonNull(side, "side");
    }

    /** True when {@code line} was a control answer ({@code allow}, {@code decline}, {@code stop}) and was acted on. */
    public boolean handle(String line) {
        String word = line.strip().toLowerCase(Locale.ROOT);
        switch (word) {
            case "allow" -> {
                Optional<String> id = asked;
                id.ifPresentOrElse(side.get()::allow, () -> out.println("no control request is waiting"));
                return true;
            }
            case "decline" -> {
                Optional<String> id = asked;
                id.ifPresentOrElse(side.get()::decline, () -> out.println("no control request is waiting"));
                return true;
            }
            case "stop" -> {
                side.get().stop();
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    @Override
    public void ask(String requestId, String from, Duration timeLeft) {
        asked = Optional.of(requestId);
        out.println(from + " asks to control your screen: type allow or decline (" + (timeLeft.toMillis() + 999) / 1000
                + " s)");
    }

    @Override
    public void dismiss(String requestId) {
        if (asked.filter(requestId::equals).isPresent()) {
            asked = Optional.empty();
        }
    }

    @Override
    public void controlled(String requestId, String from) {
        out.println(from + " is controlling your screen — type stop to end it");
    }

    @Override
    public void released(String requestId, String why) {
        out.println("remote control ended: " + why);
    }

    @Override
    public void started(String target, ScreenSize screen) {
        seen = false;
        out.println("controlling " + target + " (" + screen.width() + "x" + screen.height()
                + "): click X Y and type TEXT act there, stop ends it");
    }

    /** The first picture of the other screen, once per session. */
    @Override
    public void screen(String target, BufferedImage picture) {
        if (!seen) {
            seen = true;
            out.println("seeing " + target + "'s screen (" + picture.getWidth() + "x" + picture.getHeight() + ")");
        }
    }

    @Override
    public void refused(String target, int status, String reason) {
        out.println("control of " + target + " refused: " + status + " " + reason);
    }

    @Override
    public void ended(String target, String why) {
        out.println("control of " + target + " ended: " + why);
    }
}
