package dev.parley.ua.control.e2e;

import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.ua.control.ConsoleControl;
import dev.parley.ua.control.ControlAgent;
import dev.parley.ua.control.ControlledSide;
import dev.parley.ua.control.swing.SwingControlUi;
import dev.parley.ua.media.video.VideoSettings;
import dev.parley.ua.media.video.VideoSink;
import dev.parley.ua.media.video.VideoSourceSpec;
import dev.parley.ua.media.video.VideoStreamFactory;
import dev.parley.ua.session.Account;
import dev.parley.ua.session.SessionConfig;
import dev.parley.ua.sip.SipSession;
import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.swing.AbstractButton;
import javax.swing.JLabel;
import javax.swing.SwingUtilities;

/**
 * The controlled agent of the end-to-end test, run in its own JVM on an Xvfb display: a window
 * with one text field, and the real controlled side (the agent's SIP session, consent, TCP
 * listener, java.awt.Robot, its screen sent by x11grab).
 * Arguments: the answer time in ms, the controllers' SIP port. Its user answers by the caller's name: {@code allow-*} by clicking Allow in the dialog, {@code
 * decline-*} by typing {@code decline} at the console, anyone else not at all; {@code click stop}
 * on stdin clicks the bar's Stop. It prints the console's lines and {@code sip URI}, {@code field X
 * Y W H}, {@code text VALUE}, {@code pressed CODE}, {@code released CODE}, {@code focus field|lost}, {@code bar TEXT} on
 * stdout for the test to read.
 */
public final class ControlledTestApp {
    private ControlledTestApp() {}

    /** Clicks the named button of whichever window shows it, waiting up to 5 s for it to appear. */
    static void click(String name) {
        Thread t = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                Optional<AbstractButton> b = find(name, AbstractButton.class);
                if (b.isPresent()) {
                    SwingUtilities.invokeLater(b.get()::doClick);
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** The text of the named label, waiting up to 5 s for it to appear. */
    static Optional<String> text(String name) {
        for (int i = 0; i < 100; i++) {
            Optional<JLabel> l = find(name, JLabel.class);
            if (l.isPresent()) {
                return Optional.of(l.get().getText());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static <T extends Component> Optional<T> find(String name, Class<T> type) {
        for (Window w : Window.getWindows()) {
            if (w.isShowing()) {
                Optional<T> c = find(w, name, type);
                if (c.isPresent()) {
                    return c;
                }
            }
        }
        return Optional.empty();
    }

    private static <T extends Component> Optional<T> find(Component c, String name, Class<T> type) {
        if (name.equals(c.getName()) && type.isInstance(c)) {
            return Optional.of(type.cast(c));
        }
        if (c instanceof Container k) {
            for (Component child : k.getComponents()) {
                Optional<T> found = find(child, name, type);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Duration answerTime = Duration.ofMillis(Long.parseLong(args[0]));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        TextFieldWindow.show(out);

        // The agent's own SIP session, not registered anywhere: the controller reaches it by its
        // contact address, and its requests (the BYE of Stop) go to the controllers' SIP port as
        // they would go to the server (the server's routing is RemoteControlIT's part).
        SipSession session = SipSession.start(
                new SessionConfig(
                        new Account("127.0.0.1:" + args[1], "bob", "unused", "Bob", "localhost"),
                        List.of(),
                        0,
                        Optional.of(loopback.getHostAddress())),
                event -> {});
        VideoStreamFactory screen = new VideoStreamFactory(
                MediaKind.SLIDES,
                VideoSettings.screen(VideoSourceSpec.parse("screen"), "Bob's screen", "bob@parley", VideoSink.none()));
        ControlAgent.start(
                session.controlCalls(), loopback, new ControlledSide.Config(answerTime, loopback, 16), screen, side -> {
                    ConsoleControl console = new ConsoleControl(out, side);
                    SwingControlUi swing = new SwingControlUi(side);
                    return new ControlledSide.Ui() {
                        @Override
                        public void ask(String requestId, String from, Duration timeLeft) {
                            console.ask(requestId, from, timeLeft);
                            swing.ask(requestId, from, timeLeft);
                            if (from.startsWith("allow")) {
                                click("allowControl"); // the dialog's Allow button
                            } else if (from.startsWith("decline")) {
                                console.handle("decline"); // typed at the console
                            }
                        }

                        @Override
                        public void dismiss(String requestId) {
                            console.dismiss(requestId);
                            swing.dismiss(requestId);
                        }

                        @Override
                        public void controlled(String requestId, String from) {
                            console.controlled(requestId, from);
                            swing.controlled(requestId, from);
                            text("controlBarText").ifPresent(t -> out.println("bar " + t));
                        }

                        @Override
                        public void released(String requestId, String why) {
                            console.released(requestId, why);
                            swing.released(requestId, why);
                        }
                    };
                });
        Thread stdin = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.equals("click stop")) {
                        click("stopControl"); // the bar's Stop button
                    }
                }
            } catch (IOException e) {
                // the test is gone
            }
        });
        stdin.setDaemon(true);
        stdin.start();
        out.println("sip " + session.contactUri());
        Thread.currentThread().join(); // until the test kills this process
    }
}
