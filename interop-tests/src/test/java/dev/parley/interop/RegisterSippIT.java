package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * REGISTER with digest authentication against a real {@code parley server}, driven by sipp:
 * success over UDP and TCP, wrong password, stale nonce, foreign address-of-record, removal
 * with "*", and expiry. The server runs with MD5 challenges only (sipp 3.6 knows no SHA-256),
 * min-expires 1 s and a 2 s nonce lifetime, so that expiry and staleness take seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegisterSippIT {
    private Path dir;
    private int sipPort;
    private ServerProcess server;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("parley-register-it");
        sipPort = Ports.free();
        List<String> store = List.of("--data", dir.resolve("data").toString());
        for (String user : List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace")) {
            ServerProcess.addUser(store, user, "secret-" + user);
        }
        server = ServerProcess.start(
                dir,
                Ports.free(),
                List.of(
                        "--data", dir.resolve("data").toString(),
                        "--sip-listen", "127.0.0.1:" + sipPort,
                        "--digest-algorithms", "MD5",
                        "--min-expires", "1",
                        "--nonce-lifetime", "2"));
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            // The JVM reports a SIGTERM stop as 143 (128 + 15) once the shutdown hook has run.
            assertThat(server.terminate()).as("exit code after SIGTERM").isEqualTo(143);
            assertThat(server.stdout()).contains("parley server: stopped");
        }
    }

    private void expectPass(String scenario, String user, String password, String aor, String transport)
            throws Exception {
        Sipp.Result r = Sipp.run(dir, scenario, sipPort, user, password, aor, transport);
        assertThat(r.exitCode())
                .as(scenario + " as " + user + " over " + transport + ":\n" + r.errors())
                .isZero();
    }

    @Test
    void registersWithTheRightPasswordOverUdpAndTcp() throws Exception {
        long before = server.metric("parley_register_responses_total{status=\"200\"}");
        expectPass("register-ok", "alice", "secret-alice", "alice", "u1");
        expectPass("register-ok", "alice", "secret-alice", "alice", "t1");
        assertThat(server.metric("parley_register_responses_total{status=\"200\"}"))
                .isEqualTo(before + 2);
        assertThat(server.stderr()).contains("REGISTER sip:alice@localhost from 127.0.0.1:");
    }

    @Test
    void wrongPasswordIsChallengedAgainAndCounted() throws Exception {
        long before = server.metric("parley_auth_failures_total{reason=\"wrong_password\"}");
        expectPass("register-wrong-password", "bob", "not-bobs-password", "bob", "u1");
        assertThat(server.metric("parley_auth_failures_total{reason=\"wrong_password\"}"))
                .isEqualTo(before + 1);
    }

    @Test
    void someoneElsesAddressOfRecordIsForbidden() throws Exception {
        expectPass("register-foreign-aor", "carol", "secret-carol", "alice", "u1");
    }

    @Test
    void wildcardRemovesEveryBinding() throws Exception {
        expectPass("register-wildcard", "dave", "secret-dave", "dave", "u1");
    }

    @Test
    void bindingsExpireOnTime() throws Exception {
        expectPass("register-expiry", "erin", "secret-erin", "erin", "u1");
    }

    @Test
    void staleNonceIsRechallengedWithStaleTrue() throws Exception {
        long before = server.metric("parley_auth_failures_total{reason=\"stale_nonce\"}");
        expectPass("register-stale", "frank", "secret-frank", "frank", "u1");
        assertThat(server.metric("parley_auth_failures_total{reason=\"stale_nonce\"}"))
                .isEqualTo(before + 1);
    }

    @Test
    void optionsAnswers200WithAllowAcceptSupported() throws Exception {
        String reply = udpExchange(
                sipPort,
                "OPTIONS sip:localhost SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-options-it\r\n"
                        + "Max-Forwards: 70\r\n"
                        + "From: <sip:monitor@localhost>;tag=1\r\n"
                        + "To: <sip:localhost>\r\n"
                        + "Call-ID: options-it@127.0.0.1\r\n"
                        + "CSeq: 1 OPTIONS\r\n"
                        + "Content-Length: 0\r\n\r\n");
        assertThat(reply).startsWith("SIP/2.0 200 ");
        assertThat(reply).containsPattern("(?mi)^Allow: .*REGISTER").containsPattern("(?mi)^Allow: .*OPTIONS");
        assertThat(reply).containsPattern("(?mi)^Accept: application/sdp");
        assertThat(reply).containsPattern("(?mi)^Supported:");
        assertThat(server.get("/health")).isEqualTo("ok\n");
    }

    /**
     * REGISTER is answered without transaction state, so a retransmission reaches the registrar:
     * the same request again (same Authorization, Call-ID and CSeq) gets the same 200 and
     * refreshes nothing; a copy with another Contact changes nothing either.
     */
    @Test
    void aRetransmittedRegisterIsAnsweredAgainAndChangesNothing() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(3000);
            int port = socket.getLocalPort();
            String contact = "<sip:grace@127.0.0.1:" + port + ">";
            String challenge = exchange(socket, DigestAnswer.register("UDP", sipPort, port, "grace", 1, contact, ""));
            assertThat(challenge).startsWith("SIP/2.0 401 ");
            String uri = "sip:127.0.0.1:" + sipPort;
            String authorization = DigestAnswer.authorization(challenge, "grace", "secret-grace", "REGISTER", uri);
            String request = DigestAnswer.register("UDP", sipPort, port, "grace", 2, contact, authorization);
            String first = exchange(socket, request);
            assertThat(first).startsWith("SIP/2.0 200 ").contains(contact + ";expires=600");
            String again = exchange(socket, request);
            assertThat(again)
                    .startsWith("SIP/2.0 200 ")
                    .containsPattern(java.util.regex.Pattern.quote(contact) + ";expires=(600|599)");
            String otherContact = exchange(
                    socket,
                    DigestAnswer.register(
                            "UDP", sipPort, port, "grace", 2, "<sip:grace@10.9.9.9:5060>", authorization));
            assertThat(otherContact)
                    .startsWith("SIP/2.0 200 ")
                    .contains(contact)
                    .doesNotContain("10.9.9.9");
        }
    }

    private String exchange(DatagramSocket phone, String message) throws IOException {
        return DigestAnswer.exchange(phone, sipPort, message);
    }

    /** Sends one datagram and returns the first answer (responses go to the source: rport). */
    static String udpExchange(int port, String message) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(3000);
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
            socket.receive(reply);
            return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
        }
    }
}
