package dev.parley.ua.control.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ua.control.ControllerSide;
import dev.parley.ua.control.hip.ScreenSize;
import dev.parley.ua.session.Account;
import dev.parley.ua.session.SessionConfig;
import dev.parley.ua.sip.SipSession;
import java.awt.event.KeyEvent;
import java.awt.event.KeyListener;
import java.awt.event.MouseEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Remote control end to end (issue 7): the controlled agent runs in its own JVM on a private Xvfb
 * display with a text field ({@link ControlledTestApp}); this JVM is the controller, with a
 * 640×360 view of the 1280×720 screen. Real SIP (INVITE/200/ACK/BYE, 603, 408) between the two
 * agents' own SIP sessions, the controller's sent straight to the controlled one's address (the
 * route through the server is {@code RemoteControlIT}'s), real TCP, real java.awt.Robot injecting
 * into a real X server, the real screen stream (x11grab, H.264) decoded at the controller.
 */
class RemoteControlXvfbTest {
    private static final ScreenSize SCREEN = new ScreenSize(1280, 720);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static Process xvfb;
    private static Process controlled;
    private static ProcessLines window;
    private static String controlledUri;
    /** The controllers' SIP port, one controller at a time: the controlled agent's requests go there. */
    private static int controllerPort;

    private static int fieldX;
    private static int fieldY;

    private SipSession sip;
    private final JPanel view = new JPanel();
    private final Outcome outcome = new Outcome();

    @BeforeAll
    static void startDisplayAndControlledAgent() throws Exception {
        xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-screen", "0", "1280x720x24")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String display =
                new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(display).as("Xvfb's display number").matches("\\d+");
        Path log = Path.of("target", "remote-control-controlled.log");
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, LOOPBACK)) {
            controllerPort = probe.getLocalPort();
        }
        ProcessBuilder child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                ControlledTestApp.class.getName(),
                "2000", // the user has 2 s to answer
                Integer.toString(controllerPort));
        child.environment().put("DISPLAY", ":" + display);
        child.redirectError(log.toFile());
        controlled = child.start();
        window = new ProcessLines(controlled, "controlled");
        String sipLine = window.await(0, l -> l.startsWith("sip "), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("the controlled agent did not start: " + window.all()));
        controlledUri = sipLine.substring(4);
        String[] field =
                window.await(0, l -> l.startsWith("field "), WAIT).orElseThrow().split(" ");
        fieldX = Integer.parseInt(field[1]) + Integer.parseInt(field[3]) / 2;
        fieldY = Integer.parseInt(field[2]) + Integer.parseInt(field[4]) / 2;
    }

    @AfterAll
    static void stopAll() throws InterruptedException {
        for (Process p : new Process[] {controlled, xvfb}) {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    @BeforeEach
    void startController() throws IOException {
        view.setSize(640, 360);
    }

    @AfterEach
    void stopController() {
        if (sip != null) {
            sip.close();
        }
    }

    /** What the controller's user would be told. */
    static final class Outcome implements ControllerSide.Ui {
        final CompletableFuture<ScreenSize> started = new CompletableFuture<>();
        final CompletableFuture<String> refused = new CompletableFuture<>();
        final CompletableFuture<String> ended = new CompletableFuture<>();
        final CompletableFuture<ScreenSize> firstPicture = new CompletableFuture<>();

        @Override
        public void started(String target, ScreenSize screen) {
            started.complete(screen);
        }

        @Override
        public void refused(String target, int status, String reason) {
            refused.complete(status + " " + reason);
        }

        @Override
        public void ended(String target, String why) {
            ended.complete(why);
        }

        @Override
        public void screen(String target, java.awt.image.BufferedImage picture) {
            firstPicture.complete(new ScreenSize(picture.getWidth(), picture.getHeight()));
        }
    }

    /** A controller's own SIP session on {@code port} (0: any), its requests sent straight to the controlled agent. */
    private static SipSession controllerSession(String name, int port) throws IOException {
        String hostPort = controlledUri.substring(controlledUri.indexOf('@') + 1);
        return SipSession.start(
                new SessionConfig(
                        new Account(hostPort, name, "unused", name, "localhost"),
                        List.of(),
                        port,
                        Optional.of(LOOPBACK.getHostAddress())),
                event -> {});
    }

    private ControllerSide.Control request(String name) throws IOException {
        sip = controllerSession(name, controllerPort);
        return new ControllerSide(sip.controlCalls(), LOOPBACK).request(controlledUri, view, outcome);
    }

    private void click(int remoteX, int remoteY) throws Exception {
        int x = remoteX * 640 / SCREEN.width();
        int y = remoteY * 360 / SCREEN.height();
        SwingUtilities.invokeAndWait(() -> {
            view.dispatchEvent(new MouseEvent(view, MouseEvent.MOUSE_MOVED, 0L, 0, x, y, 0, false, 0));
            view.dispatchEvent(new MouseEvent(view, MouseEvent.MOUSE_PRESSED, 0L, 0, x, y, 1, false, 1));
            view.dispatchEvent(new MouseEvent(view, MouseEvent.MOUSE_RELEASED, 0L, 0, x, y, 1, false, 1));
        });
    }

    /**
     * Clicks into the controlled window's text field through the controller's view until the
     * field has the keyboard focus: on Xvfb with no window manager, X sometimes gives a click's
     * focus to the window the consent dialog just left, and keys would go nowhere.
     */
    private void clickIntoField() throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            click(fieldX, fieldY);
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                if (fieldHasFocus()) {
                    return;
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the field never got the focus: " + window.all());
    }

    /**
     * What the window said since {@code mark} but its focus changes: on Xvfb without a window
     * manager the focus may move on its own (a "focus lost" once failed the 408 test), and a
     * focus change is not an injected input.
     */
    private static List<String> saidSince(int mark) {
        return window.since(mark).stream().filter(l -> !l.startsWith("focus ")).toList();
    }

    private static boolean fieldHasFocus() {
        List<String> lines = window.all();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).equals("focus field")) {
                return true;
            }
            if (lines.get(i).equals("focus lost")) {
                return false;
            }
        }
        return false;
    }

    /** A key on the view, as the focus manager hands it to the view's listeners. */
    private void key(int id, int code) throws Exception {
        SwingUtilities.invokeAndWait(() -> {
            KeyEvent e = new KeyEvent(view, id, 0L, 0, code, KeyEvent.CHAR_UNDEFINED);
            for (KeyListener l : view.getKeyListeners()) {
                if (id == KeyEvent.KEY_PRESSED) {
                    l.keyPressed(e);
                } else {
                    l.keyReleased(e);
                }
            }
        });
    }

    /** The controlled side shows its bar: its consent dialog is gone, input goes to its desktop. */
    private static void barShown(int mark, String name) throws InterruptedException {
        assertThat(window.await(mark, l -> l.startsWith("bar " + name), WAIT)).isPresent();
    }

    @Test
    void theControllerClicksIntoTheFieldAndTypesHello() throws Exception {
        int mark = window.size();
        ControllerSide.Control control = request("allow-alice");

        assertThat(outcome.started.get(10, TimeUnit.SECONDS)).isEqualTo(SCREEN);
        assertThat(outcome.firstPicture.get(20, TimeUnit.SECONDS))
                .as("a decoded picture of the controlled screen")
                .isEqualTo(SCREEN);
        assertThat(window.await(
                        mark, l -> l.equals("allow-alice is controlling your screen — type stop to end it"), WAIT))
                .isPresent();
        assertThat(window.await(mark, l -> l.startsWith("bar "), WAIT))
                .contains("bar allow-alice is controlling your screen — ");
        clickIntoField();
        for (int code : new int[] {KeyEvent.VK_H, KeyEvent.VK_E, KeyEvent.VK_L, KeyEvent.VK_L, KeyEvent.VK_O}) {
            key(KeyEvent.KEY_PRESSED, code);
            key(KeyEvent.KEY_RELEASED, code);
        }

        assertThat(window.await(mark, l -> l.equals("text hello"), WAIT))
                .as("the field's text, window said %s", window.since(mark))
                .isPresent();
        control.stop(); // BYE, and the input connection closes: whichever arrives first ends it there
        assertThat(window.await(mark, l -> l.startsWith("remote control ended: "), WAIT))
                .isPresent();
    }

    @Test
    void aDeclinedRequestGets603AndNothingIsInjected() throws Exception {
        int mark = window.size();
        request("decline-carol");

        assertThat(outcome.refused.get(10, TimeUnit.SECONDS)).startsWith("603");
        assertThat(outcome.started).isNotDone();
        assertThat(saidSince(mark))
                .containsExactly("decline-carol asks to control your screen: type allow or decline (2 s)");
    }

    @Test
    void anUnansweredRequestGets408AfterTheAnswerTime() throws Exception {
        int mark = window.size();
        request("dave");

        assertThat(outcome.refused.get(10, TimeUnit.SECONDS)).startsWith("408");
        assertThat(saidSince(mark)).containsExactly("dave asks to control your screen: type allow or decline (2 s)");
    }

    @Test
    void aStrangersConnectionToTheInputPortIsRefused() throws Exception {
        ControllerSide.Control control = request("allow-erin");
        outcome.started.get(10, TimeUnit.SECONDS);
        InetSocketAddress input = control.sender().orElseThrow().remote();

        try (Socket stranger = new Socket()) {
            stranger.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            stranger.connect(input);
            stranger.setSoTimeout(5000);
            InputStream in = stranger.getInputStream();
            assertThat(in.read())
                    .as("the listener closes a stranger's connection")
                    .isEqualTo(-1);
        }
        control.stop();
    }

    @Test
    void stoppingFromTheBarWhileAKeyIsHeldReleasesItAndEndsTheControllersSession() throws Exception {
        int mark = window.size();
        request("allow-frank");
        outcome.started.get(10, TimeUnit.SECONDS);
        barShown(mark, "allow-frank");
        clickIntoField();
        key(KeyEvent.KEY_PRESSED, KeyEvent.VK_SHIFT);
        assertThat(window.await(mark, l -> l.equals("pressed " + KeyEvent.VK_SHIFT), WAIT))
                .isPresent();

        controlled.getOutputStream().write("click stop\n".getBytes(StandardCharsets.UTF_8));
        controlled.getOutputStream().flush(); // the controlled user clicks Stop with Shift still down

        assertThat(window.await(mark, l -> l.equals("released " + KeyEvent.VK_SHIFT), WAIT))
                .as("window said %s", window.since(mark))
                .isPresent();
        assertThat(outcome.ended.get(10, TimeUnit.SECONDS)).isNotBlank(); // the controller hears of it
        List<String> after = window.since(mark);
        assertThat(after.stream().filter(l -> l.equals("pressed " + KeyEvent.VK_SHIFT)))
                .hasSameSizeAs(after.stream()
                        .filter(l -> l.equals("released " + KeyEvent.VK_SHIFT))
                        .toList());
    }

    @Test
    void theControllerHangingUpWhileAKeyIsHeldReleasesIt() throws Exception {
        int mark = window.size();
        ControllerSide.Control control = request("allow-grace");
        outcome.started.get(10, TimeUnit.SECONDS);
        barShown(mark, "allow-grace");
        clickIntoField();
        key(KeyEvent.KEY_PRESSED, KeyEvent.VK_CONTROL);
        assertThat(window.await(mark, l -> l.equals("pressed " + KeyEvent.VK_CONTROL), WAIT))
                .isPresent();

        control.stop(); // BYE with Ctrl still down at the controlled side

        assertThat(window.await(mark, l -> l.equals("released " + KeyEvent.VK_CONTROL), WAIT))
                .as("window said %s", window.since(mark))
                .isPresent();
    }

    @Test
    void aSecondControllerWhileControlIsOnGets486() throws Exception {
        ControllerSide.Control first = request("allow-henry");
        outcome.started.get(10, TimeUnit.SECONDS);

        Outcome second = new Outcome();
        try (SipSession other = controllerSession("allow-ivan", 0)) {
            new ControllerSide(other.controlCalls(), LOOPBACK).request(controlledUri, new JPanel(), second);

            assertThat(second.refused.get(10, TimeUnit.SECONDS)).startsWith("486");
        }
        assertThat(outcome.ended).isNotDone(); // the first session goes on
        first.stop();
    }
}
