package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SIP over TLS (RFC 3261 §26.2.1) through the real {@code parley server --sip-tls}: the first
 * start makes a self-signed certificate whose SHA-256 it logs; a phone that trusts that
 * certificate (and checks it names the address it dialled) registers over TLS with digest, and
 * a call from a UDP phone reaches it over the same TLS connection (the flow it registered from)
 * and gets its answer back; a restart keeps the certificate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsIT {
    private Path dir;
    private int sipPort;
    private int tlsPort;
    private ServerProcess server;
    private List<String> args;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("parley-tls-it");
        sipPort = Ports.free();
        tlsPort = Ports.free();
        List<String> store = List.of("--data", dir.resolve("data").toString());
        ServerProcess.addUser(store, "alice", SipTestAgent.password("alice"));
        ServerProcess.addUser(store, "bob", SipTestAgent.password("bob"));
        args = List.of(
                "--data",
                dir.resolve("data").toString(),
                "--sip-listen",
                "127.0.0.1:" + sipPort,
                "--sip-tls",
                "127.0.0.1:" + tlsPort,
                "--digest-algorithms",
                "MD5");
        server = ServerProcess.start(dir.resolve("run1"), Ports.free(), args);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.terminate();
        }
    }

    @Test
    void aPhoneRegistersAndIsCalledOverTlsWithTheServersOwnCertificate() throws Exception {
        assertThat(server.stdout()).contains("listening on sips:127.0.0.1:" + tlsPort + " (TLS)");
        Path certificate = dir.resolve("data").resolve("tls").resolve("server-cert.pem");
        String fingerprint = fingerprint(certificate);
        assertThat(server.stderr()).contains("self-signed, made now").contains("SHA-256 " + fingerprint);

        try (SSLSocket tls = connect(certificate)) {
            int local = tls.getLocalPort();
            String contact = "<sip:alice@127.0.0.1:" + local + ";transport=tls>";
            String uri = "sip:127.0.0.1:" + tlsPort;
            send(tls, DigestAnswer.register("TLS", tlsPort, local, "alice", 1, contact, ""));
            String challenge = read(tls);
            assertThat(challenge).startsWith("SIP/2.0 401 ");
            send(
                    tls,
                    DigestAnswer.register(
                            "TLS",
                            tlsPort,
                            local,
                            "alice",
                            2,
                            contact,
                            DigestAnswer.authorization(
                                    challenge, "alice", SipTestAgent.password("alice"), "REGISTER", uri)));
            String ok = read(tls);
            assertThat(ok)
                    .startsWith("SIP/2.0 200 ")
                    .contains(contact)
                    .containsPattern("(?m)^Via: SIP/2.0/TLS .*received=127.0.0.1");

            // Bob calls over UDP; the proxy reaches alice over her TLS connection.
            try (SipTestAgent bob = SipTestAgent.start("bob", "Bob", "localhost", "127.0.0.1:" + sipPort)) {
                javax.sip.ClientTransaction call = bob.call("sip:alice@localhost", "");
                String invite = read(tls);
                assertThat(invite).startsWith("INVITE sip:alice@127.0.0.1:" + local);
                assertThat(invite).containsPattern("(?m)^Via: SIP/2.0/TLS 127.0.0.1:" + tlsPort);
                send(tls, busy(invite));
                Response answer = bob.awaitStatus(call, Response.BUSY_HERE, Duration.ofSeconds(10));
                assertThat(answer.getStatusCode()).isEqualTo(Response.BUSY_HERE);
                assertThat(read(tls)).startsWith(Request.ACK + " sip:alice@127.0.0.1:" + local);
            }
        }

        server.terminate();
        server = ServerProcess.start(dir.resolve("run2"), Ports.free(), args);
        assertThat(server.stderr()).contains("SHA-256 " + fingerprint).doesNotContain("made now");
        try (SSLSocket again = connect(certificate)) {
            send(again, options(again.getLocalPort()));
            assertThat(read(again)).startsWith("SIP/2.0 200 ");
        }
    }

    /** A TLS connection that trusts only the server's certificate and checks its IP address name. */
    private SSLSocket connect(Path certificate) throws Exception {
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(certificate)) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("parley", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", tlsPort);
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(params);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    private static String fingerprint(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            X509Certificate cert =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return HexFormat.ofDelimiter(":")
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        }
    }

    private String options(int local) {
        return "OPTIONS sip:localhost SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:" + local + ";branch=z9hG4bK-tls-options\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:monitor@localhost>;tag=1\r\n"
                + "To: <sip:localhost>\r\n"
                + "Call-ID: tls-options@127.0.0.1\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** 486 to an INVITE: its Via, From, To (with a tag), Call-ID and CSeq copied back. */
    private static String busy(String invite) {
        StringBuilder r = new StringBuilder("SIP/2.0 486 Busy Here\r\n");
        for (String line : invite.split("\r\n")) {
            String name =
                    line.contains(":") ? line.substring(0, line.indexOf(':')).trim() : "";
            switch (name) {
                case "Via", "From", "Call-ID", "CSeq" -> r.append(line).append("\r\n");
                case "To" -> r.append(line).append(";tag=busy-alice\r\n");
                default -> {}
            }
        }
        return r.append("Content-Length: 0\r\n\r\n").toString();
    }

    private static void send(SSLSocket socket, String message) throws IOException {
        socket.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** One SIP message from the stream: the head up to the blank line, then Content-Length bytes. */
    private static String read(SSLSocket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String text = head.toString(StandardCharsets.UTF_8);
            if (text.equals("\r\n") || text.equals("\r\n\r\n")) {
                head.reset();
                continue;
            }
            if (text.endsWith("\r\n\r\n")) {
                Matcher length =
                        Pattern.compile("(?mi)^(Content-Length|l):\\s*(\\d+)").matcher(text);
                int body = length.find() ? Integer.parseInt(length.group(2)) : 0;
                byte[] rest = in.readNBytes(body);
                return text + new String(rest, StandardCharsets.UTF_8);
            }
        }
        throw new IOException("connection closed");
    }
}
