package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: video and screen share between two real {@code parley console} agents through the
 * real server and its mixer. Each console runs on its own private X server ({@code xvfb-run}:
 * Alice's screen 1024x768, Bob's 1280x720) with {@code --video-source testsrc --record-video
 * DIR}. Each receives the other's test pattern and decodes 640x360 pictures. Bob types {@code
 * share screen}: a re-INVITE adds his {@code a=content:slides} stream (x11grab of his display),
 * Alice's member list shows him presenting and she records slides pictures of his screen's size.
 * Alice's share is refused while Bob presents (403, "Bob is already presenting"); once he stops,
 * hers goes through and Bob records her screen at its size. Logs and pictures stay under {@code
 * target/it-console-video/}.
 */
class ConsoleVideoIT {
    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void eachSeesTheOthersVideoAndOnePresenterAtATimeSharesTheScreen() throws Exception {
        Path dir = Path.of("target", "it-console-video").toAbsolutePath();
        Files.createDirectories(dir);
        Path data = dir.resolve("data-" + System.nanoTime());
        ServerProcess.addUser(List.of("--data", data.toString()), "alice", "alice-pw");
        ServerProcess.addUser(List.of("--data", data.toString()), "bob", "bob-pw");
        int sip = Ports.free();
        Path aliceSaw = fresh(dir.resolve("alice-video"));
        Path bobSaw = fresh(dir.resolve("bob-video"));
        try (ServerProcess server = ServerProcess.start(
                        dir, Ports.free(), List.of("--data", data.toString(), "--sip-listen", "127.0.0.1:" + sip));
                ConsoleAgent alice = ConsoleAgent.startOnDisplay(
                        dir, "alice", "alice-pw", args(sip, "alice", "Alice", aliceSaw), "1024x768")) {
            alice.await("^registered as sip:alice@localhost", WAIT);
            // Started after Alice's X server is up, so xvfb-run -a does not pick the same display.
            try (ConsoleAgent bob =
                    ConsoleAgent.startOnDisplay(dir, "bob", "bob-pw", args(sip, "bob", "Bob", bobSaw), "1280x720")) {
                bob.await("^registered as sip:bob@localhost", WAIT);
                alice.type("create");
                String id = alice.await("^created meeting (\\d{6}) \\(you are the host\\)$", WAIT);
                bob.type("join " + id);
                bob.await("^joined meeting " + id + "$", WAIT);
                alice.await("^member joined: Bob \\(video\\)$", WAIT);
                bob.await("^member joined: Alice \\(host, video\\)$", WAIT);

                // Each decodes the other's test pattern at the camera size.
                assertThat(size(awaitPicture(aliceSaw, "video-", data))).isEqualTo("640x360");
                assertThat(size(awaitPicture(bobSaw, "video-", data))).isEqualTo("640x360");

                // Bob shares his screen from the menu: Alice sees him presenting and gets his screen.
                bob.type("share screen");
                bob.await("^sharing your screen$", WAIT);
                alice.await("^member changed: Bob \\(video, presenting\\)$", WAIT);
                assertThat(size(awaitPicture(aliceSaw, "slides-", data))).isEqualTo("1280x720");

                // One presenter at a time: Alice is refused while Bob presents, and nothing changes.
                alice.type("1");
                alice.await("^screen share refused: Bob is already presenting$", WAIT);
                bob.type("members");
                bob.await("^2 members: Alice \\(host, video\\), Bob \\(video, presenting\\)$", WAIT);

                // Bob stops; now Alice may present, and Bob gets her screen.
                bob.type("1");
                bob.await("^stopped sharing your screen$", WAIT);
                alice.await("^member changed: Bob \\(video\\)$", WAIT);
                alice.type("share screen");
                alice.await("^sharing your screen$", WAIT);
                bob.await("^member changed: Alice \\(host, video, presenting\\)$", WAIT);
                Path aliceScreen;
                try {
                    aliceScreen = awaitPicture(bobSaw, "slides-", data);
                } catch (AssertionError e) {
                    alice.dumpThreads(dir);
                    bob.dumpThreads(dir);
                    throw e;
                }
                assertThat(size(aliceScreen)).isEqualTo("1024x768");

                alice.type("close");
                bob.await("^meeting " + id + " closed by host$", WAIT);
                assertThat(alice.endInput(Duration.ofSeconds(10))).isZero();
                assertThat(bob.endInput(Duration.ofSeconds(10))).isZero();
            }
        }
        assertThat(pictures(aliceSaw, "slides-"))
                .as("Alice never records her own screen")
                .allMatch(p -> size(p).equals("1280x720"));
    }

    static List<String> args(int sip, String user, String name, Path record) {
        return ConsoleMeetingIT.args(
                sip,
                user,
                name,
                List.of(
                        "--audio-source",
                        "tone:440",
                        "--audio-sink",
                        "null",
                        "--video-source",
                        "testsrc",
                        "--screen-source",
                        "screen",
                        "--record-video",
                        record.toString()));
    }

    static Path fresh(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> old = Files.list(dir)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    /**
     * The first complete PNG whose name starts with {@code prefix} in {@code dir}; failing, says
     * what the mixer counted (packets in, out and dropped by reason).
     */
    static Path awaitPicture(Path dir, String prefix, Path data) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Path p : pictures(dir, prefix)) {
                if (readable(p)) {
                    return p;
                }
            }
            Thread.sleep(100);
        }
        String counted = mixerCounts(data);
        throw new AssertionError(
                "no " + prefix + "*.png in " + dir + " after " + WAIT.toSeconds() + " s; the mixer:\n" + counted);
    }

    /** The server's mixer (its own JVM, control address in data/mixer.log): packets in, out and dropped. */
    static String mixerCounts(Path data) {
        try {
            Matcher control = Pattern.compile("control=(\\S+)").matcher(Files.readString(data.resolve("mixer.log")));
            if (!control.find()) {
                return "(no control address in mixer.log)";
            }
            String token = Files.readString(data.resolve("mixer.token")).strip();
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://" + control.group(1) + "/metrics"))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return r.body()
                    .lines()
                    .filter(l -> l.startsWith("parley_mixer_packets") && !l.endsWith(" 0"))
                    .collect(Collectors.joining("\n"));
        } catch (IOException | InterruptedException | RuntimeException e) {
            return "(mixer metrics: " + e + ")";
        }
    }

    static List<Path> pictures(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(f -> f.getFileName().toString().startsWith(prefix)
                            && f.getFileName().toString().endsWith(".png"))
                    .sorted()
                    .toList());
        }
    }

    private static boolean readable(Path png) {
        try {
            return ImageIO.read(png.toFile()) != null;
        } catch (IOException partlyWritten) {
            return false;
        }
    }

    static String size(Path png) {
        try {
            BufferedImage image = ImageIO.read(png.toFile());
            return image.getWidth() + "x" + image.getHeight();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + png, e);
        }
    }
}
