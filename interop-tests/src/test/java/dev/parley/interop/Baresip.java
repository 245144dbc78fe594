package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One real baresip 1.0 (Debian {@code baresip-core}) inside a {@link Netns}, headless: {@code
 * aufile} sends {@code tone}, the {@code sndfile} filter writes what it decodes to {@code
 * dump-*-dec.wav} in its directory, no audio player module is loaded (so no sound device is
 * opened), and commands go in on stdin through {@code stdio} and {@code menu} ({@code /dial URI},
 * {@code /hangup}, DTMF keys). It offers one {@link Codec}; the tone file is 8 kHz mono and
 * baresip resamples it to the codec's rate ({@code ausrc_srate}), while the recording is at the
 * codec's rate and channels. Its log is {@code baresip.log} in its directory; events are found
 * there with the time this JVM first saw them.
 */
final class Baresip {
    /**
     * The audio codec a baresip offers: the module that has it and, when the module has more
     * than one, the account's {@code audio_codecs} choice (g711 has PCMU and PCMA).
     */
    record Codec(String module, String name) {
        static final Codec PCMU = new Codec("g711.so", "pcmu");
        static final Codec OPUS = new Codec("opus.so", "");
        static final Codec G722 = new Codec("g722.so", "");
    }

    /** The rate of the tone files the peers send; baresip resamples them to the codec's. */
    static final int SOURCE_RATE = 8000;

    private final String user;
    private final Path dir;
    private final Process process;
    private final OutputStream stdin;

    private Baresip(String user, Path dir, Process process) {
        this.user = user;
        this.dir = dir;
        this.process = process;
        this.stdin = process.getOutputStream();
    }

    /** Fails the test, never skips it, when baresip is not installed: {@code ./parley test} installs it. */
    static void assertInstalled() {
        assertThat(Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "baresip"))))
                .as("baresip is not installed: apt-get install baresip-core (./parley test does it)")
                .isTrue();
    }

    /**
     * Starts {@code user}'s baresip listening on {@code address:sipPort} (UDP and TCP; TLS would
     * take the next port), RTP in {@code rtpPorts}, registering through {@code proxy} with
     * digest auth every 600 s, offering only {@code codec} (and telephone-event).
     */
    static Baresip start(
            Netns ns,
            Path dir,
            String user,
            String password,
            String address,
            int sipPort,
            String rtpPorts,
            Path tone,
            String proxy,
            Codec codec)
            throws IOException {
        return start(ns, dir, user, "", password, address, sipPort, rtpPorts, tone, proxy, codec);
    }

    /** Like the above, with {@code displayName} (when not empty) in its From header. */
    static Baresip start(
            Netns ns,
            Path dir,
            String user,
            String displayName,
            String password,
            String address,
            int sipPort,
            String rtpPorts,
            Path tone,
            String proxy,
            Codec codec)
            throws IOException {
        Files.createDirectories(dir);
        Files.writeString(
                dir.resolve("config"),
                String.join(
                        "\n",
                        "poll_method epoll",
                        "sip_listen " + address + ":" + sipPort,
                        "audio_source aufile," + tone,
                        "audio_buffer 20-160",
                        "ausrc_srate " + SOURCE_RATE,
                        "ausrc_channels 1",
                        "rtp_ports " + rtpPorts,
                        "jitter_buffer_delay 1-3",
                        "snd_path " + dir,
                        "module_path /usr/lib/baresip/modules",
                        "module stdio.so",
                        "module " + codec.module(),
                        "module aufile.so",
                        "module sndfile.so",
                        "module_tmp account.so",
                        "module_app menu.so",
                        ""));
        Files.writeString(
                dir.resolve("accounts"),
                (displayName.isEmpty() ? "" : "\"" + displayName + "\" ")
                        + "<sip:" + user + "@localhost;transport=udp>;auth_pass=" + password + ";outbound=\"sip:"
                        + proxy
                        + ";transport=udp\";regint=600"
                        + (codec.name().isEmpty() ? "" : ";audio_codecs=" + codec.name())
                        + "\n");
        Process p = ns.start(List.of("baresip", "-4", "-f", dir.toString()), Map.of(), dir.resolve("baresip.log"));
        return new Baresip(user, dir, p);
    }

    String user() {
        return user;
    }

    long pid() {
        return process.pid();
    }

    /** A long command, e.g. {@code /dial sip:conference@localhost}. */
    void command(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /**
     * Presses DTMF keys in a call, one every 400 ms: stdio releases a key 250 ms after it is
     * pressed, and baresip sends each press and release as RFC 4733 events.
     */
    void press(String keys) throws IOException, InterruptedException {
        for (char k : keys.toCharArray()) {
            stdin.write(k);
            stdin.flush();
            Thread.sleep(400);
        }
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("baresip.log"), StandardCharsets.ISO_8859_1);
    }

    /**
     * Waits until the log matches {@code regex}; returns the first match and {@link System#nanoTime}
     * when it was seen (polled every 10 ms). Fails with the log's tail after {@code timeout}.
     */
    Seen await(String regex, Duration timeout) throws Exception {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long now = System.nanoTime();
            Matcher m = p.matcher(log());
            if (m.find()) {
                return new Seen(m.group(), now);
            }
            if (now > deadline || !process.isAlive()) {
                String log = log();
                throw new AssertionError(user + ": no '" + regex + "' in " + timeout.toSeconds() + " s"
                        + (process.isAlive() ? "" : " (baresip exited)") + "; log ends:\n"
                        + log.substring(Math.max(0, log.length() - 3000)));
            }
            Thread.sleep(10);
        }
    }

    /** A log line and when this JVM saw it. */
    record Seen(String text, long nanoTime) {}

    /** The one file the sndfile filter wrote with what this baresip decoded. */
    Path recording() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> dec = files.filter(f -> f.getFileName().toString().matches("dump-.*-dec\\.wav"))
                    .toList();
            assertThat(dec).as("%s's recordings", user).hasSize(1);
            return dec.get(0);
        }
    }

    /** {@code /quit}, then SIGTERM and SIGKILL if it does not exit in time. */
    void stop() throws InterruptedException {
        try {
            command("/quit");
        } catch (IOException e) {
            // stdin closed: it is exiting already
        }
        if (!process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
            Netns.stop(process);
        }
    }
}
