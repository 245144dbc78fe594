package dev.parley.ua.console;

import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.ua.control.ConsoleControl;
import dev.parley.ua.control.ControlAgent;
import dev.parley.ua.control.ControlledSide;
import dev.parley.ua.control.ControllerSide;
import dev.parley.ua.control.hip.HipMessage;
import dev.parley.ua.control.hip.MouseButton;
import dev.parley.ua.control.hip.ScreenSize;
import dev.parley.ua.control.swing.ControllerWindow;
import dev.parley.ua.control.view.RemoteScreenView;
import dev.parley.ua.media.video.VideoSettings;
import dev.parley.ua.media.video.VideoSink;
import dev.parley.ua.media.video.VideoSourceSpec;
import dev.parley.ua.media.video.VideoStreamFactory;
import dev.parley.ua.sip.SipSession;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Optional;
import javax.swing.SwingUtilities;
import org.jspecify.annotations.Nullable;

/**
 * Remote control at the console, on the agent's own session: {@code control NAME} asks another
 * agent (a window opens on the other screen when there is a display; {@code click X Y} and {@code
 * type TEXT} act on it in its pixels either way), and the controlled side's {@code allow}, {@code
 * decline} and {@code stop} ({@link ConsoleControl} prints the lines). {@code stop} also ends this
 * agent's own control of another.
 */
final class ConsoleRemote implements AutoCloseable {
    private final PrintStream out;
    private final ControlAgent agent;
    private final ConsoleControl lines;
    private volatile ControllerSide.@Nullable Control control;
    private volatile @Nullable String controlling;

    private ConsoleRemote(PrintStream out, ControlAgent agent, ConsoleControl lines) {
        this.out = out;
        this.agent = agent;
        this.lines = lines;
    }

    /** Control on {@code session}: its screen (whole X screen) may be controlled when allowed at this console. */
    static ConsoleRemote start(SipSession session, PrintStream out) {
        String cname = session.account().user() + "@parley";
        VideoStreamFactory screen = new VideoStreamFactory(
                MediaKind.SLIDES,
                VideoSettings.screen(
                        VideoSourceSpec.parse("screen"),
                        session.account().name() + "'s screen",
                        cname,
                        VideoSink.none()));
        ConsoleControl[] lines = new ConsoleControl[1];
        ControlAgent agent = ControlAgent.start(
                session.controlCalls(),
                session.localAddress(),
                ControlledSide.Config.defaults(session.localAddress()),
                screen,
                side -> lines[0] = new ConsoleControl(out, side));
        return new ConsoleRemote(out, agent, lines[0]);
    }

    /** True when {@code line} was {@code allow}, {@code decline} or {@code stop} and was acted on. */
    boolean handle(String line) {
        if (line.strip().equalsIgnoreCase("stop")) {
            ControllerSide.Control c = control;
            control = null;
            if (c != null) {
                c.stop();
                out.println("stopped controlling " + controlling);
            }
        }
        return lines.handle(line);
    }

    /** Whom to ask: their SIP address and the name to call them by. */
    record Target(String uri, String name) {}

    /** Asks {@code target} for control; returns at once. */
    void control(Target target) {
        if (control != null) {
            out.println("already controlling " + controlling + ": type stop first");
            return;
        }
        ControllerSide.Ui ui = ControllerSide.Ui.both(lines, new ControllerSide.Ui() {
            @Override
            public void started(String t, ScreenSize screen) {}

            @Override
            public void refused(String t, int status, String reason) {
                control = null;
            }

            @Override
            public void ended(String t, String why) {
                control = null;
            }
        });
        try {
            controlling = target.name();
            if (GraphicsEnvironment.isHeadless()) {
                control = agent.request(target.uri(), target.name(), new RemoteScreenView(), ui);
            } else {
                ControllerSide.Control[] made = new ControllerSide.Control[1];
                IOException[] failed = new IOException[1];
                SwingUtilities.invokeAndWait(() -> {
                    try {
                        made[0] = ControllerWindow.open(agent, target.uri(), target.name(), ui)
                                .control();
                    } catch (IOException e) {
                        failed[0] = e;
                    }
                });
                if (failed[0] != null) {
                    throw failed[0];
                }
                control = made[0];
            }
            out.println("asking " + target.name() + " for control …");
        } catch (IOException | InvocationTargetException e) {
            out.println("could not ask " + target.name() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A left click at {@code (x, y)} of the controlled screen. */
    void click(int x, int y) {
        send(List.of(
                new HipMessage.MouseMoved(x, y),
                new HipMessage.MousePressed(MouseButton.LEFT, x, y),
                new HipMessage.MouseReleased(MouseButton.LEFT, x, y)));
    }

    /** {@code text} typed on the controlled screen. */
    void type(String text) {
        try {
            send(List.of(new HipMessage.KeyTyped(text)));
        } catch (IllegalArgumentException e) {
            out.println("not typed: " + e.getMessage());
        }
    }

    private void send(List<HipMessage> messages) {
        Optional<ControllerSide.Control> c = Optional.ofNullable(control);
        if (c.isEmpty() || c.get().sender().isEmpty()) {
            out.println("not controlling anyone: control NAME first (and wait for them to allow it)");
            return;
        }
        messages.forEach(m -> c.get().sender().orElseThrow().send(m));
    }

    @Override
    public void close() {
        ControllerSide.Control c = control;
        if (c != null) {
            c.stop();
        }
        agent.close();
    }
}
