package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Calls through the real {@code parley server} between two sipp instances (Debian {@code
 * sip-tester}, a peer Parley did not write): a sipp phone registers as bob with digest and
 * answers; a sipp caller from another domain dials sip:bob@localhost three times, follows the
 * Record-Route for ACK and BYE, and every call completes on both sides; over UDP, and over TCP
 * (the phone's registration connection has closed when the calls come; its Contact names the port
 * it connected from, where it listens, so the proxy connects to that port again).
 */
class ProxySippIT {
    private static final String SERVER_TRANSACTIONS = "parley_sip_transactions{side=\"server\"}";

    @ParameterizedTest
    @ValueSource(strings = {"u1", "t1"})
    void threeCallsFromSippToARegisteredSippPhone(String transport) throws Exception {
        Path dir = Files.createTempDirectory("parley-proxy-sipp-it-" + transport);
        int sipPort = Ports.free();
        ServerProcess.addUser(List.of("--data", dir.resolve("data").toString()), "bob", "secret-bob");
        try (ServerProcess server = ServerProcess.start(
                dir,
                Ports.free(),
                List.of(
                        "--data",
                        dir.resolve("data").toString(),
                        "--sip-listen",
                        "127.0.0.1:" + sipPort,
                        "--digest-algorithms",
                        "MD5"))) {
            int phonePort = Ports.free();
            Sipp.Result registered =
                    Sipp.run(dir, "register-ok", sipPort, "bob", "secret-bob", "bob", transport, phonePort);
            assertThat(registered.exitCode()).as(registered.errors()).isZero();

            Path phoneDir = dir.resolve("sipp-phone");
            Process phone = Sipp.start(phoneDir, "call-uas", sipPort, phonePort, List.of("-m", "3", "-t", transport));
            Path callerDir = dir.resolve("sipp-caller");
            Sipp.Result caller = Sipp.finish(
                    Sipp.start(
                            callerDir,
                            "call-uac",
                            sipPort,
                            Ports.free(),
                            List.of("-s", "bob", "-m", "3", "-r", "5", "-t", transport)),
                    callerDir,
                    "call-uac");
            Sipp.Result answered = Sipp.finish(phone, phoneDir, "call-uas");
            assertThat(caller.exitCode()).as(caller.errors()).isZero();
            assertThat(answered.exitCode()).as(answered.errors()).isZero();
            assertThat(server.metric("parley_proxy_calls_forwarded_total")).isEqualTo(3);
            assertThat(server.metric("parley_proxy_final_responses_total{class=\"2xx\"}"))
                    .isEqualTo(6);
            // The finished calls' transactions are let go as Kamailio lets them go: an INVITE's
            // 8 s after its 2xx (jain-sip's linger), a BYE's 5 s after its 200 (Timer J over UDP,
            // where jain-sip's own is 32 s; none over TCP).
            assertThat(server.get("/metrics")).contains(SERVER_TRANSACTIONS);
            long since = System.nanoTime();
            long deadline = since + Duration.ofSeconds(20).toNanos();
            while (server.metric(SERVER_TRANSACTIONS) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(250);
            }
            assertThat(server.metric(SERVER_TRANSACTIONS))
                    .as("server transactions 20 s after the last call")
                    .isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - since)).isLessThan(Duration.ofSeconds(15));
        }
    }
}
