package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 6: real {@code parley console} agents and the real server (with its mixer JVM),
 * driven as a user would through stdin. Alice creates, Bob joins by the ID Alice's console
 * printed; each records what it hears: Bob hears Alice's 440 Hz and not his own 880 Hz, and the
 * other way round. Bob's close is refused and the meeting stands; Alice mutes and unmutes Bob
 * and removes Carol, whose console says so; Alice's close ends it for both. The server keeps its default SHA-256-then-MD5 challenges. Logs stay under {@code
 * target/it-console/}.
 */
class ConsoleMeetingIT {
    static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aliceCreatesBobJoinsTheyHearEachOtherAndOnlyTheHostCloses() throws Exception {
        Path dir = Path.of("target", "it-console").toAbsolutePath();
        Files.createDirectories(dir);
        Path data = dir.resolve("data-" + System.nanoTime());
        ServerProcess.addUser(List.of("--data", data.toString()), "alice", "alice-pw");
        ServerProcess.addUser(List.of("--data", data.toString()), "bob", "bob-pw");
        ServerProcess.addUser(List.of("--data", data.toString()), "carol", "carol-pw");
        int sip = Ports.free();
        int http = Ports.free();
        Path aliceWav = dir.resolve("alice-heard.wav");
        Path bobWav = dir.resolve("bob-heard.wav");
        try (ServerProcess server = ServerProcess.start(
                        dir, http, List.of("--data", data.toString(), "--sip-listen", "127.0.0.1:" + sip));
                ConsoleAgent alice =
                        ConsoleAgent.start(dir, "alice", "alice-pw", args(sip, "alice", "Alice", 440, aliceWav));
                ConsoleAgent bob = ConsoleAgent.start(dir, "bob", "bob-pw", args(sip, "bob", "Bob", 880, bobWav));
                ConsoleAgent carol = ConsoleAgent.start(
                        dir, "carol", "carol-pw", args(sip, "carol", "Carol", 660, dir.resolve("carol-heard.wav")))) {
            alice.await("^registered as sip:alice@localhost", WAIT);
            bob.await("^registered as sip:bob@localhost", WAIT);

            alice.type("create");
            String id = alice.await("^created meeting (\\d{6}) \\(you are the host\\)$", WAIT);
            bob.type("2 " + id);
            bob.await("^joined meeting " + id + "$", WAIT);
            // Each member list shows both, by display name, with the host badge on Alice.
            alice.await("^member joined: Bob$", WAIT);
            bob.await("^member joined: Alice \\(host\\)$", WAIT);
            bob.type("members");
            bob.await("^2 members: Alice \\(host\\), Bob$", WAIT);
            assertThat(alice.output()).contains("audio: opus/48000");

            Thread.sleep(4000);
            bob.type("close");
            bob.await("^close refused: Only the host may do that$", WAIT);
            Thread.sleep(500);
            JsonNode room = room(server, id);
            assertThat(room.path("members").findValuesAsText("uri"))
                    .as("the meeting stands after Bob's close")
                    .containsExactly("sip:alice@localhost", "sip:bob@localhost");
            assertThat(alice.output()).doesNotContain("closed by host");

            // The host mutes Bob: every member list shows it (RFC 4575 partial NOTIFY).
            alice.type("mute bob");
            alice.await("^mute done: sip:bob@localhost$", WAIT);
            bob.await("^member changed: Bob \\(muted\\)$", WAIT);
            alice.type("unmute Bob");
            bob.await("^member changed: Bob$", WAIT);

            // Carol joins and the host removes her: her console says why, the others see her go.
            carol.await("^registered as sip:carol@localhost", WAIT);
            carol.type("join sip:" + id + "@localhost");
            carol.await("^joined meeting " + id + "$", WAIT);
            bob.await("^member joined: Carol$", WAIT);
            // Her member list is up: the kick will show her her own entry deleted.
            carol.await("^member joined: Alice \\(host\\)$", WAIT);
            alice.type("kick carol");
            carol.await("^meeting " + id + " ended: the host removed you from the meeting$", WAIT);
            bob.await("^member left: Carol$", WAIT);
            carol.type("join 000000");
            carol.await("^could not join sip:000000@localhost: meeting not found$", WAIT);

            alice.type("close");
            alice.await("^meeting " + id + " closed by host$", WAIT);
            bob.await("^meeting " + id + " closed by host$", WAIT);
            assertThat(room(server, id).path("id").isMissingNode())
                    .as("room %s gone", id)
                    .isTrue();

            assertThat(alice.endInput(Duration.ofSeconds(10))).isZero();
            assertThat(bob.endInput(Duration.ofSeconds(10))).isZero();
            assertThat(carol.endInput(Duration.ofSeconds(10))).isZero();
            assertThat(carol.output()).doesNotContain("closed by host");
            assertThat(alice.output()).contains("unregistered");
        }
        hears(bobWav, "bob", 440, 880);
        hears(aliceWav, "alice", 880, 440);
    }

    static List<String> args(int sip, String user, String name, int hz, Path wav) {
        return args(
                sip,
                user,
                name,
                List.of("--audio-source", "tone:" + hz, "--audio-sink", "wav:" + wav, "--video-source", "none"));
    }

    /** The console's arguments for {@code user} at the server's {@code sip} port, then {@code media}. */
    static List<String> args(int sip, String user, String name, List<String> media) {
        List<String> args = new ArrayList<>(
                List.of("--server", "127.0.0.1:" + sip, "--user", user, "--password-stdin", "--display-name", name));
        args.addAll(media);
        return args;
    }

    static JsonNode room(ServerProcess server, String id) throws Exception {
        for (JsonNode r :
                new ObjectMapper().readTree(server.get("/conferences")).path("conferences")) {
            if (r.path("id").asText().equals(id)) {
                return r;
            }
        }
        return new ObjectMapper().createObjectNode();
    }

    /**
     * Judged frame by frame (20 ms, what the agent plays per tick): at least half a second of
     * frames that are the other's tone (over half their energy), and not one frame with sound
     * in which the own tone has even 5 %. On a host too busy to keep every tick, frames are
     * concealed or silent between the clean ones; the N-1 mix never lets the own tone in.
     */
    static void hears(Path wav, String who, int other, int own) throws Exception {
        Wav heard = Wav.read(wav);
        short[] pcm = heard.samples();
        int rate = heard.sampleRate();
        int frame = rate / 50;
        int clean = 0;
        int sounding = 0;
        for (int at = 0; at + frame <= pcm.length; at += frame) {
            if (ToneAnalysis.rms(pcm, at, frame) < 300) {
                continue;
            }
            sounding++;
            if (ToneAnalysis.share(pcm, at, frame, rate, other) > 0.5) {
                clean++;
            }
            double ownShare = ToneAnalysis.share(pcm, at, frame, rate, own);
            assertThat(ownShare)
                    .as("%s hears its own %d Hz at %.2f s (share %.3f)", who, own, at / (double) rate, ownShare)
                    .isLessThan(0.05);
        }
        System.out.printf(
                "%s: %d of %d sounding frames in %.1f s are clean %d Hz%n",
                who, clean, sounding, heard.seconds(), other);
        assertThat(clean).as("20 ms frames of %d Hz %s hears", other, who).isGreaterThanOrEqualTo(25);
    }
}
