package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: two real {@code parley ua} windows under a private X server ({@code xvfb-run -a}
 * starts Xvfb on a free display and stops it after), the real server and its mixer. Alice
 * creates a meeting through the window, Bob joins with the ID her window shows; both member
 * lists show both names with the host badge on Alice only, only Alice sees the host controls,
 * Bob's grid has a tile named after Alice showing her test pattern (named through {@code
 * <src-id>}). Bob shares his screen (x11grab of the private display, added by re-INVITE as an
 * {@code a=content:slides} stream): Alice gets a tile "Bob's screen" and the presenting badge,
 * which goes when he stops; while he presents, Alice's Share screen is refused ("Bob is already
 * presenting") and her button springs back. Bob's mic meter shows his tone's level, and nothing
 * while he is muted. Bob's meeting view is saved as a PNG under {@code target/it-window/}, and into
 * {@code docs/images/ua-meeting.png} for the user guide when run with {@code
 * -Dparley.docs.update=true}.
 */
class UaWindowIT {
    @Test
    void aliceCreatesBobJoinsAndTheWindowsShowWhoIsWho() throws Exception {
        Path dir = Path.of("target", "it-window").toAbsolutePath();
        Files.createDirectories(dir);
        Path data = dir.resolve("data-" + System.nanoTime());
        ServerProcess.addUser(List.of("--data", data.toString()), "alice", "alice-pw");
        ServerProcess.addUser(List.of("--data", data.toString()), "bob", "bob-pw");
        int sip = Ports.free();
        Path screenshot = dir.resolve("meeting-view.png");
        List<Path> screenshots = new ArrayList<>(List.of(screenshot));
        if (Boolean.getBoolean("parley.docs.update")) {
            // Only on request, so a test run never changes the source tree.
            screenshots.add(Path.of("..", "docs", "images", "ua-meeting.png")
                    .toAbsolutePath()
                    .normalize());
        }
        List<String> out;
        try (ServerProcess server = ServerProcess.start(
                dir, Ports.free(), List.of("--data", data.toString(), "--sip-listen", "127.0.0.1:" + sip))) {
            out = runScenario(dir, "127.0.0.1:" + sip, screenshots);
        }

        assertThat(out).contains("DONE");
        String id = value(out, "ID");
        assertThat(id).matches("\\d{6}");
        assertThat(value(out, "BOB-ROWS")).isEqualTo("Alice — host · video | Bob (you) — video");
        assertThat(value(out, "ALICE-ROWS")).isEqualTo("Alice (you) — host · video | Bob — video");
        assertThat(value(out, "ALICE-HOST-CONTROLS")).isEqualTo("true");
        assertThat(value(out, "BOB-HOST-CONTROLS")).isEqualTo("false");
        assertThat(value(out, "BOB-TILES").split(" \\| ")).contains("Alice", "You");
        assertThat(value(out, "ALICE-TILES").split(" \\| ")).contains("Bob", "Bob's screen", "You");
        assertThat(value(out, "ALICE-ROWS-SHARING")).isEqualTo("Alice (you) — host · video | Bob — video · presenting");
        assertThat(value(out, "BOB-MIC")).isEqualTo("45");
        assertThat(value(out, "BOB-MIC-MUTED")).isEqualTo("0");
        assertThat(value(out, "BOB-MIC-UNMUTED")).isEqualTo("45");
        assertThat(value(out, "ALICE-SHARE-REFUSED"))
                .isEqualTo("Your screen is not shared: Bob is already presenting.");
        assertThat(value(out, "ALICE-SHARE-BUTTON")).isEqualTo("false");
        assertThat(value(out, "ALICE-ROWS-STOPPED")).isEqualTo("Alice (you) — host · video | Bob — video");
        assertThat(value(out, "ALICE-TILES-STOPPED").split(" \\| ")).containsExactlyInAnyOrder("You", "Bob");
        assertThat(value(out, "ALICE-MESSAGE")).isEqualTo("Meeting " + id + " ended: the host closed the meeting.");
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
    }

    /** Runs {@link WindowScenario} in its own JVM inside {@code xvfb-run}; its stdout lines. */
    private static List<String> runScenario(Path dir, String server, List<Path> screenshots) throws Exception {
        List<String> args = new ArrayList<>(List.of(server, dir.toString()));
        screenshots.forEach(p -> args.add(p.toString()));
        return XvfbScenario.run(dir, "1280x800", WindowScenario.class, args);
    }

    private static String value(List<String> lines, String key) {
        return lines.stream()
                .filter(l -> l.startsWith(key + " "))
                .map(l -> l.substring(key.length() + 1))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " line in " + lines));
    }
}
