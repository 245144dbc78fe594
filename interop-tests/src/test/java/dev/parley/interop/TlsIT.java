package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
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
            SipStream.send(tls, DigestAnswer.register("TLS", tlsPort, local, "alice", 1, contact, ""));
            String challenge = SipStream.read(tls);
            assertThat(challenge).startsWith("SIP/2.0 401 ");
            SipStream.send(
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
            String ok = SipStream.read(tls);
            assertThat(ok)
                    .startsWith("SIP/2.0 200 ")
                    .contains(contact)
                    .containsPattern("(?m)^Via: SIP/2.0/TLS .*received=127.0.0.1");

            // Bob calls over UDP; the proxy reaches alice over her TLS connection.
            try (SipTestAgent bob = SipTestAgent.start("bob", "Bob", "localhost", "127.0.0.1:" + sipPort)) {
                javax.sip.ClientTransaction call = bob.call("sip:alice@localhost", "");
                String invite = SipStream.read(tls);
                assertThat(invite).startsWith("INVITE sip:alice@127.0.0.1:" + local);
                assertThat(invite).containsPattern("(?m)^Via: SIP/2.0/TLS 127.0.0.1:" + tlsPort);
                SipStream.send(tls, SipStream.answer(invite, 486, "Busy Here", "busy-alice"));
                Response answer = bob.awaitStatus(call, Response.BUSY_HERE, Duration.ofSeconds(10));
                assertThat(answer.getStatusCode()).isEqualTo(Response.BUSY_HERE);
                assertThat(SipStream.read(tls)).startsWith(Request.ACK + " sip:alice@127.0.0.1:" + local);
            }
        }

        server.terminate();
        server = ServerProcess.start(dir.resolve("run2"), Ports.free(), args);
        assertThat(server.stderr()).contains("SHA-256 " + fingerprint).doesNotContain("made now");
        try (SSLSocket again = connect(certificate)) {
            SipStream.send(again, options(again.getLocalPort()));
            assertThat(SipStream.read(again)).startsWith("SIP/2.0 200 ");
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
}
