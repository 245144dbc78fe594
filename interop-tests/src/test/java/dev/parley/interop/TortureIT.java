package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every message of the RFC 4475 torture corpus ({@code src/test/resources/rfc4475}, expected
 * answers in {@code expected.tsv}) sent over UDP to a running server, which must answer as
 * RFC 4475 §3 describes (or drop silently where it says so) and keep serving; then garbage
 * and an oversized datagram, which must be dropped and counted in {@code /metrics}.
 *
 * <p>Two adjustments to how the corpus is sent, neither to what it tests: a message whose top
 * Via names TCP or TLS goes over TCP (the server has no TLS listener; a response follows the
 * Via transport, RFC 3261 §18.2.2), and a branch that several corpus files share gets a
 * per-file suffix, because jain-sip matches server transactions by branch and would take the
 * later files for retransmissions of the first (real clients make branches unique, §8.1.1.7).
 */
class TortureIT {
    private record Expectation(String file, Set<String> accepted, String section, String why) {}

    private static List<Expectation> expectations(Path corpus) throws Exception {
        List<Expectation> all = new ArrayList<>();
        for (String line : Files.readAllLines(corpus.resolve("expected.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            all.add(new Expectation(f[0], Set.of(f[1].split(",")), f[2], f[3]));
        }
        return all;
    }

    private static final Pattern TOP_VIA =
            Pattern.compile("(?mi)^(?:via|v)\\s*:\\s*SIP\\s*/\\s*[0-9.]+\\s*/\\s*(\\w+)[^\\r\\n]*?branch=([^;,\\s]+)?");

    /** Bytes as ISO-8859-1 text: one char per byte, so rewriting keeps every other byte. */
    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Branch values of the top Via of every corpus file, counted. */
    private static Map<String, Integer> branchCounts(Path corpus, List<Expectation> expected) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (Expectation e : expected) {
            Matcher m = TOP_VIA.matcher(latin1(Files.readAllBytes(corpus.resolve(e.file()))));
            if (m.find() && m.group(2) != null) {
                counts.merge(m.group(2), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Sends one corpus message the way its top Via says, with a shared branch made unique. */
    private static List<String> sendCorpus(Path file, int port, Map<String, Integer> branches) throws Exception {
        String text = latin1(Files.readAllBytes(file));
        Matcher m = TOP_VIA.matcher(text);
        String transport = "UDP";
        if (m.find()) {
            transport = m.group(1).toUpperCase(java.util.Locale.ROOT);
            String branch = m.group(2);
            if (branch != null && branches.getOrDefault(branch, 0) > 1) {
                String stem = file.getFileName().toString().replace(".dat", "");
                text = text.substring(0, m.end(2)) + "." + stem + text.substring(m.end(2));
            }
        }
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return transport.equals("UDP") ? send(port, bytes) : sendTcp(port, bytes);
    }

    /**
     * OPTIONS over one TCP connection, either one message split across two writes 300 ms apart or
     * two messages in a single write; returns how many 200s came back.
     */
    private static int tcpOptions(int port, boolean split) throws Exception {
        java.util.function.IntFunction<String> options = n -> "OPTIONS sip:example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-frame-" + split + n + "\r\nMax-Forwards: 70\r\n"
                + "From: <sip:monitor@example.com>;tag=1\r\nTo: <sip:example.com>\r\n"
                + "Call-ID: frame-" + split + n + "@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            var out = socket.getOutputStream();
            if (split) {
                byte[] one = options.apply(1).getBytes(StandardCharsets.US_ASCII);
                out.write(one, 0, 40);
                out.flush();
                Thread.sleep(300);
                out.write(one, 40, one.length - 40);
            } else {
                out.write((options.apply(1) + options.apply(2)).getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            socket.setSoTimeout(2000);
            StringBuilder received = new StringBuilder();
            byte[] buf = new byte[8192];
            int want = split ? 1 : 2;
            try {
                int n;
                while (count200(received) < want && (n = socket.getInputStream().read(buf)) > 0) {
                    received.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (SocketTimeoutException done) {
                // Fewer answers than wanted: the assertion says so.
            }
            return count200(received);
        }
    }

    private static int count200(CharSequence received) {
        Matcher ok = Pattern.compile("(?m)^SIP/2\\.0 200 ").matcher(received);
        int n = 0;
        while (ok.find()) {
            n++;
        }
        return n;
    }

    /** Like {@link #send(int, byte[])}, over a TCP connection of its own. */
    private static List<String> sendTcp(int port, byte[] message) throws Exception {
        List<String> statuses = new ArrayList<>();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(message);
            socket.getOutputStream().flush();
            socket.setSoTimeout(1000);
            StringBuilder received = new StringBuilder();
            byte[] buf = new byte[65536];
            try {
                int n;
                while ((n = socket.getInputStream().read(buf)) > 0) {
                    received.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    socket.setSoTimeout(200);
                }
            } catch (SocketTimeoutException done) {
                // No more answers.
            }
            Matcher status = Pattern.compile("(?m)^SIP/2\\.0 (\\d{3}) ").matcher(received);
            while (status.find()) {
                if (!status.group(1).equals("100") && !statuses.contains(status.group(1))) {
                    statuses.add(status.group(1));
                }
            }
        }
        if (statuses.isEmpty()) {
            statuses.add("none");
        }
        return statuses;
    }

    /**
     * The distinct status codes answered within a second ("none" when nothing came), on a socket
     * of its own: a final response to an INVITE is retransmitted until an ACK that never comes
     * (RFC 3261 §17.2.1), and those copies must not land in the next message's window.
     */
    private static List<String> send(int port, byte[] message) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return send(socket, port, message);
        }
    }

    private static List<String> send(DatagramSocket socket, int port, byte[] message) throws Exception {
        socket.send(new DatagramPacket(message, message.length, InetAddress.getLoopbackAddress(), port));
        List<String> statuses = new ArrayList<>();
        socket.setSoTimeout(1000);
        try {
            while (true) {
                DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
                socket.receive(reply);
                String text = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
                String status = text.length() >= 11 ? text.substring(8, 11) : text;
                if (status.equals("100")) {
                    // 100 Trying is hop-by-hop progress (RFC 3261 §16.2), not an answer: keep waiting.
                    continue;
                }
                if (!statuses.contains(status)) {
                    statuses.add(status);
                }
                socket.setSoTimeout(200);
            }
        } catch (SocketTimeoutException done) {
            // No more answers.
        }
        if (statuses.isEmpty()) {
            statuses.add("none");
        }
        return statuses;
    }

    @Test
    void everyTortureMessageGetsTheRightAnswerAndTheServerKeepsServing() throws Exception {
        Path corpus = Path.of(System.getProperty("parley.rfc4475"));
        Path dir = Files.createTempDirectory("parley-torture-it");
        int sipPort = Ports.free();
        try (ServerProcess server = ServerProcess.start(
                        dir,
                        Ports.free(),
                        List.of(
                                "--data",
                                dir.resolve("data").toString(),
                                "--sip-listen",
                                "127.0.0.1:" + sipPort,
                                "--domain",
                                "example.com"));
                DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            List<Expectation> expected = expectations(corpus);
            try (var files = Files.list(corpus)) {
                assertThat(files.filter(f -> f.toString().endsWith(".dat")).count())
                        .as("every corpus file has an expectation")
                        .isEqualTo(expected.size());
            }
            Map<String, Integer> branches = branchCounts(corpus, expected);
            TreeMap<String, String> wrong = new TreeMap<>();
            for (Expectation e : expected) {
                List<String> got = sendCorpus(corpus.resolve(e.file()), sipPort, branches);
                if (got.size() != 1 || !e.accepted().contains(got.get(0))) {
                    wrong.put(
                            e.file(),
                            "got " + got + ", RFC 4475 §" + e.section() + " wants " + e.accepted() + " (" + e.why()
                                    + ")");
                }
            }
            assertThat(wrong).as("torture messages answered wrongly").isEmpty();

            long droppedBefore = server.metric("parley_sip_dropped_total{reason=\"unparseable\"}");
            assertThat(send(
                            socket,
                            sipPort,
                            "\u0000\u0001garbage that is not SIP\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)))
                    .containsExactly("none");
            byte[] huge = ("OPTIONS sip:example.com SIP/2.0\r\nX-Huge: " + "a".repeat(70_000) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            assertThat(send(sipPort, java.util.Arrays.copyOf(huge, 65_000))).containsAnyOf("none", "400", "513");
            assertThat(server.metric("parley_sip_dropped_total{reason=\"unparseable\"}"))
                    .isGreaterThan(droppedBefore);

            // TCP frames cut short (the peer closes mid-body or mid-header) or larger than the
            // stack takes: no complete message, nothing to answer, and the server stays up.
            String register = "REGISTER sip:example.com SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-cut\r\nMax-Forwards: 70\r\n"
                    + "From: <sip:a@example.com>;tag=1\r\nTo: <sip:a@example.com>\r\nCall-ID: cut@127.0.0.1\r\n"
                    + "CSeq: 1 REGISTER\r\nContact: <sip:a@127.0.0.1:9;transport=tcp>\r\nContent-Length: 500\r\n\r\n";
            assertThat(sendTcp(sipPort, (register + "x".repeat(20)).getBytes(StandardCharsets.US_ASCII)))
                    .containsExactly("none");
            assertThat(sendTcp(sipPort, register.substring(0, 60).getBytes(StandardCharsets.US_ASCII)))
                    .containsExactly("none");
            assertThat(sendTcp(
                            sipPort,
                            ("OPTIONS sip:example.com SIP/2.0\r\nX-Huge: " + "a".repeat(100_000) + "\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII)))
                    .containsAnyOf("none", "400", "513");
            assertThat(tcpOptions(sipPort, true))
                    .as("one OPTIONS written in two parts")
                    .isEqualTo(1);
            assertThat(tcpOptions(sipPort, false))
                    .as("two OPTIONS in one write")
                    .isEqualTo(2);

            String alive = RegisterSippIT.udpExchange(
                    sipPort,
                    "OPTIONS sip:example.com SIP/2.0\r\n"
                            + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-after-torture\r\n"
                            + "Max-Forwards: 70\r\nFrom: <sip:monitor@example.com>;tag=1\r\nTo: <sip:example.com>\r\n"
                            + "Call-ID: after-torture@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
            assertThat(alive).startsWith("SIP/2.0 200 ");
        }
    }
}
