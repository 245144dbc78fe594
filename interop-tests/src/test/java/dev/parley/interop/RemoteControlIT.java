package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7 through the server: two real {@code parley console} agents registered with the real
 * server, in a meeting together. Bob's console runs on a private X display ({@code xvfb-run}) with a
 * text field beside it (ua-desktop's test {@code ControlledConsole}); Alice's has no display. Alice types {@code
 * control Bob}: the proxy routes the INVITE by Bob's address of record to his agent's own SIP
 * session, his console asks, he types {@code allow}; Alice's console then decodes pictures of his
 * 1280×720 screen (x11grab, H.264 on the slides stream), her {@code click} and {@code type hello}
 * put "hello" into his field, and the meeting goes on meanwhile. Bob's {@code stop} ends it on both
 * sides (BYE through the proxy). Outside the meeting Alice asks by address and Bob declines: 603.
 * The same from the window: the member menu's Request control, the dialog's Allow, the bar's Stop.
 * The consent's 30 s timeout (408), a stranger's TCP connection, held keys on BYE and the
 * controller's pointer scaling are {@code RemoteControlXvfbTest}'s (ua-desktop). Logs stay under
 * {@code target/it-control/}.
 */
class RemoteControlIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path DIR = Path.of("target", "it-control").toAbsolutePath();

    private static ServerProcess server;
    private static int sip;

    @BeforeAll
    static void startServer() throws Exception {
        Files.createDirectories(DIR);
        Path data = DIR.resolve("data-" + System.nanoTime());
        for (String user : List.of("alice", "bob", "carol", "dave")) {
            ServerProcess.addUser(List.of("--data", data.toString()), user, user + "-pw");
        }
        sip = Ports.free();
        server = ServerProcess.start(
                DIR, Ports.free(), List.of("--data", data.toString(), "--sip-listen", "127.0.0.1:" + sip));
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aliceControlsBobsScreenThroughTheServerAndBobStopsIt() throws Exception {
        Path dir = DIR;
        Path aliceWav = dir.resolve("alice-heard.wav");
        try (ConsoleAgent alice = ConsoleAgent.startCommand(
                        dir,
                        "alice",
                        "alice-pw",
                        ConsoleAgent.command(ConsoleMeetingIT.args(sip, "alice", "Alice", 440, aliceWav)));
                ConsoleAgent bob = ConsoleAgent.startCommand(dir, "bob", "bob-pw", bobOnADisplay(dir, sip))) {
            alice.await("^registered as sip:alice@localhost", WAIT);
            bob.await("^registered as sip:bob@localhost", WAIT);
            String[] field = bob.await("^(field \\d+ \\d+ \\d+ \\d+)$", WAIT).split(" ");
            int fieldX = Integer.parseInt(field[1]) + Integer.parseInt(field[3]) / 2;
            int fieldY = Integer.parseInt(field[2]) + Integer.parseInt(field[4]) / 2;
            alice.type("create");
            String id = alice.await("^created meeting (\\d{6}) \\(you are the host\\)$", WAIT);
            bob.type("join " + id);
            alice.await("^member joined: Bob$", WAIT);

            // In the meeting, by display name: the INVITE goes to sip:bob@localhost through the proxy.
            alice.type("control Bob");
            bob.await("^Alice asks to control your screen: type allow or decline \\(30 s\\)$", WAIT);
            bob.type("allow");
            bob.await("^Alice is controlling your screen — type stop to end it$", WAIT);
            alice.await("^controlling Bob \\(1280x720\\)", WAIT);
            alice.await("^seeing Bob's screen \\(1280x720\\)$", WAIT);

            clickIntoField(alice, bob, fieldX, fieldY);
            alice.type("type hello");
            bob.await("^text hello$", WAIT);

            // The meeting went on meanwhile.
            alice.type("members");
            alice.await("^2 members: Alice \\(host\\), Bob$", WAIT);

            bob.type("stop");
            bob.await("^remote control ended: stopped here$", WAIT);
            alice.await("^control of Bob ended: ", WAIT); // by his BYE or the input connection closing, whichever first

            // Outside a meeting, by address; Bob declines.
            bob.type("leave");
            bob.await("^left meeting " + id + "$", WAIT);
            alice.type("control sip:bob@localhost");
            bob.await("(?s)stopped here.*^Alice asks to control your screen", WAIT);
            bob.type("decline");
            alice.await("^control of sip:bob@localhost refused: 603 ", WAIT);

            alice.type("close");
            assertThat(alice.endInput(Duration.ofSeconds(15))).isZero();
            assertThat(bob.endInput(Duration.ofSeconds(15))).isZero();
        }
        // The meeting's audio went on while Bob's screen was controlled: Alice heard his 880 Hz.
        ConsoleMeetingIT.hears(aliceWav, "alice", 880, 440);
    }

    /**
     * The window's way ({@link ControlWindowScenario} under {@code xvfb-run}): Carol's member menu
     * Request control, Dave's dialog Allow, his bar, her controller window showing his 1280×720
     * screen, his bar's Stop ending it there.
     */
    @Test
    void carolAsksFromHerMemberListAndDaveAllowsInTheDialog() throws Exception {
        Path dir = DIR.resolve("window");
        Files.createDirectories(dir);
        List<String> out = XvfbScenario.run(
                dir, "1280x720", ControlWindowScenario.class, List.of("127.0.0.1:" + sip, dir.toString()));

        assertThat(out).as("the scenario's lines").contains("DONE");
        assertThat(out)
                .contains(
                        "CAROL-MESSAGE Asked Dave for control of their screen.",
                        "DAVE-ASKED Carol asks to control your screen.",
                        "DAVE-BAR Carol is controlling your screen — ",
                        "CAROL-STATUS Controlling Dave (1280×720)",
                        "CAROL-PICTURE 1280x720",
                        "DAVE-ROWS Carol — host · video | Dave (you) — video"); // the meeting went on
        assertThat(out).anyMatch(l -> l.startsWith("CAROL-ENDED Control ended: "));
    }

    /**
     * Clicks the field's middle from Alice's console until Bob's field has the keyboard focus: on
     * Xvfb without a window manager X sometimes keeps a first click's focus elsewhere.
     */
    private static void clickIntoField(ConsoleAgent alice, ConsoleAgent bob, int x, int y) throws Exception {
        for (int attempt = 0; attempt < 3; attempt++) {
            alice.type("click " + x + " " + y);
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                if (fieldHasFocus(bob.output())) {
                    return;
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("Bob's field never got the focus: " + bob.output());
    }

    private static boolean fieldHasFocus(String output) {
        List<String> lines = output.lines().toList();
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

    /**
     * Bob's console beside his text field, under {@code xvfb-run} on a 1280×720 screen: ua-desktop's
     * test class {@code ControlledConsole} on {@code ./parley}'s class path.
     */
    private static List<String> bobOnADisplay(Path dir, int sip) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                "xvfb-run",
                "-a",
                "-s",
                "-screen 0 1280x720x24 -nolisten tcp",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                ConsoleAgent.classPath() + ":"
                        + Path.of("..", "ua-desktop", "target", "test-classes")
                                .toAbsolutePath()
                                .normalize(),
                "dev.parley.ua.control.e2e.ControlledConsole"));
        cmd.addAll(ConsoleMeetingIT.args(sip, "bob", "Bob", 880, dir.resolve("bob-heard.wav")));
        return cmd;
    }
}
