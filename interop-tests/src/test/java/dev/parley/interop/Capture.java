package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A tshark capture (Debian {@code tshark}) of every UDP packet on a namespace's loopback, and
 * what Wireshark's own dissectors say of it afterwards: malformed packets, and each RTP stream's
 * packets and loss ({@code -z rtp,streams}). RTP is found through the SDP of the captured SIP,
 * as Wireshark does for a person reading the capture.
 */
final class Capture implements AutoCloseable {
    /** One line of tshark's RTP stream statistics. */
    record RtpStream(String line, long packets, double lostPercent) {}

    private final Process tshark;
    private final Path pcap;
    private final Path log;

    private Capture(Process tshark, Path pcap, Path log) {
        this.tshark = tshark;
        this.pcap = pcap;
        this.log = log;
    }

    static void assertInstalled() {
        assertThat(Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "tshark"))))
                .as("tshark is not installed: apt-get install tshark (./parley test does it)")
                .isTrue();
    }

    /** Starts capturing on {@code ns}'s loopback into {@code pcap}; returns once tshark captures. */
    static Capture start(Netns ns, Path pcap) throws Exception {
        assertInstalled();
        Path log = pcap.resolveSibling(pcap.getFileName() + ".log");
        Process p = ns.start(List.of("tshark", "-i", "lo", "-f", "udp", "-q", "-w", pcap.toString()), Map.of(), log);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!(Files.exists(log) && Files.readString(log).contains("Capturing on"))) {
            assertThat(p.isAlive())
                    .as("tshark running: %s", Files.exists(log) ? Files.readString(log) : "")
                    .isTrue();
            assertThat(System.nanoTime()).as("tshark started in 20 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        return new Capture(p, pcap, log);
    }

    /** Stops the capture (SIGTERM: tshark writes out what it has). */
    @Override
    public void close() throws InterruptedException {
        Netns.stop(tshark);
    }

    /** Packets any dissector marked malformed, one line each (number, protocol, summary). */
    List<String> malformed() throws Exception {
        return read(List.of(
                "-Y",
                "_ws.malformed",
                "-T",
                "fields",
                "-e",
                "frame.number",
                "-e",
                "_ws.col.Protocol",
                "-e",
                "_ws.col.Info"));
    }

    /** How many packets Wireshark decoded as {@code protocol} (a display filter such as "sip" or "rtp"). */
    long count(String protocol) throws Exception {
        return read(List.of("-Y", protocol, "-T", "fields", "-e", "frame.number"))
                .size();
    }

    /** Every RTP stream with its packets and loss. */
    List<RtpStream> rtpStreams() throws Exception {
        List<RtpStream> streams = new ArrayList<>();
        // "... SSRC Payload Pkts Lost ...": packets, then "N (P%)".
        Pattern stream = Pattern.compile("\\s(\\d+)\\s+(-?\\d+) \\((-?[\\d.]+)%\\)");
        for (String line : read(List.of("-q", "-z", "rtp,streams"))) {
            Matcher m = stream.matcher(line);
            if (m.find()) {
                streams.add(new RtpStream(line.strip(), Long.parseLong(m.group(1)), Double.parseDouble(m.group(3))));
            }
        }
        return streams;
    }

    private List<String> read(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", pcap.toString(), "-o", "rtp.heuristic_rtp:FALSE"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError("tshark " + args + " failed; see " + log);
        }
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
