package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The default challenge set against a running server, with a client written here from RFC 7616
 * §3.4.1 (sipp knows only MD5): SHA-256 is challenged first (RFC 8760 §2.4), a SHA-256 answer
 * registers, the same nonce count again is a replay and is refused, the next count is accepted.
 */
class Sha256DigestIT {
    private static final Pattern CHALLENGE = Pattern.compile("(?mi)^WWW-Authenticate: Digest (.*)$");

    private static String sha256(String s) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static String param(String challenge, String name) {
        Matcher m = Pattern.compile(name + "=\"?([^\",]+)\"?").matcher(challenge);
        assertThat(m.find()).as(name + " in " + challenge).isTrue();
        return m.group(1);
    }

    private static String register(DatagramSocket socket, int port, int cseq, String authorization) throws Exception {
        String uri = "sip:127.0.0.1:" + port;
        String msg = "REGISTER " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + socket.getLocalPort() + ";branch=z9hG4bK-sha-" + cseq + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:grace@localhost>;tag=sha\r\n"
                + "To: <sip:grace@localhost>\r\n"
                + "Call-ID: sha256-it@127.0.0.1\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <sip:grace@127.0.0.1:" + socket.getLocalPort() + ">\r\n"
                + authorization
                + "Expires: 600\r\n"
                + "Content-Length: 0\r\n\r\n";
        byte[] bytes = msg.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
        DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
        socket.receive(reply);
        return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
    }

    private static String credentials(String challenge, int port, String password, String nc) throws Exception {
        String realm = param(challenge, "realm");
        String nonce = param(challenge, "nonce");
        String uri = "sip:127.0.0.1:" + port;
        String ha1 = sha256("grace:" + realm + ":" + password);
        String ha2 = sha256("REGISTER:" + uri);
        String response = sha256(ha1 + ":" + nonce + ":" + nc + ":0a4f113b:auth:" + ha2);
        return "Authorization: Digest username=\"grace\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\""
                + uri + "\", response=\"" + response + "\", algorithm=SHA-256, qop=auth, nc=" + nc
                + ", cnonce=\"0a4f113b\"\r\n";
    }

    @Test
    void sha256IsOfferedFirstAndRegistersAndNonceCountsCannotBeReplayed() throws Exception {
        Path dir = Files.createTempDirectory("parley-sha256-it");
        List<String> store = List.of("--data", dir.resolve("data").toString());
        ServerProcess.addUser(store, "grace", "correct horse");
        int port = Ports.free();
        try (ServerProcess server = ServerProcess.start(
                        dir,
                        Ports.free(),
                        List.of("--data", dir.resolve("data").toString(), "--sip-listen", "127.0.0.1:" + port));
                DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(3000);
            String first = register(socket, port, 1, "");
            assertThat(first).startsWith("SIP/2.0 401 ");
            Matcher challenges = CHALLENGE.matcher(first);
            assertThat(challenges.find()).isTrue();
            String preferred = challenges.group(1);
            assertThat(preferred).contains("algorithm=SHA-256").contains("qop=\"auth\"");
            assertThat(challenges.find()).isTrue();
            assertThat(challenges.group(1)).contains("algorithm=MD5");

            String answer = credentials(preferred, port, "correct horse", "00000001");
            assertThat(register(socket, port, 2, answer))
                    .startsWith("SIP/2.0 200 ")
                    .contains(";expires=600");
            assertThat(register(socket, port, 3, answer)).startsWith("SIP/2.0 401 ");
            assertThat(register(socket, port, 4, credentials(preferred, port, "correct horse", "00000002")))
                    .startsWith("SIP/2.0 200 ");
            assertThat(register(socket, port, 5, credentials(preferred, port, "wrong horse", "00000003")))
                    .startsWith("SIP/2.0 401 ");
            assertThat(server.metric("parley_auth_failures_total{reason=\"replayed_nonce_count\"}"))
                    .isEqualTo(1);
            assertThat(server.metric("parley_auth_failures_total{reason=\"wrong_password\"}"))
                    .isEqualTo(1);
        }
    }
}
