package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real DNS server for tests: Debian's {@code dnsmasq} on 127.0.0.1 and a free port, answering
 * only the records given as its options ({@code --srv-host}, {@code --host-record}, {@code
 * --naptr-record}) and nothing from the host's files or upstream servers.
 */
final class Dnsmasq implements AutoCloseable {
    final int port;
    private final Process process;

    private Dnsmasq(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Starts dnsmasq with these record options, authoritative ({@code --local}) for {@code domains}. */
    static Dnsmasq start(Path dir, List<String> domains, List<String> records) throws Exception {
        assertThat(Stream.of("/usr/sbin", "/sbin").anyMatch(d -> Files.isExecutable(Path.of(d, "dnsmasq"))))
                .as("dnsmasq is not installed: apt-get install dnsmasq-base (./parley test does it)")
                .isTrue();
        Files.createDirectories(dir);
        int port = Ports.free();
        List<String> cmd = new ArrayList<>(List.of(
                Files.isExecutable(Path.of("/usr/sbin/dnsmasq")) ? "/usr/sbin/dnsmasq" : "/sbin/dnsmasq",
                "--keep-in-foreground",
                "--conf-file=/dev/null",
                "--no-resolv",
                "--no-hosts",
                "--bind-interfaces",
                "--listen-address=127.0.0.1",
                "--port=" + port,
                "--pid-file=",
                "--log-queries",
                "--log-facility=-"));
        for (String d : domains) {
            cmd.add("--local=/" + d + "/");
        }
        cmd.addAll(records);
        Process p = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("dnsmasq.log").toFile())
                .start();
        Dnsmasq dns = new Dnsmasq(port, p);
        dns.awaitAnswering();
        return dns;
    }

    /** Waits (at most 10 s) until the server answers a query on its port. */
    private void awaitAnswering() throws Exception {
        // A minimal query: id 1, RD, one question "." type SOA (RFC 1035 §4.1).
        byte[] query = {0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 1};
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(200);
            for (int i = 0; i < 50; i++) {
                if (!process.isAlive()) {
                    throw new AssertionError("dnsmasq exited with " + process.exitValue());
                }
                s.send(new DatagramPacket(query, query.length, InetAddress.getLoopbackAddress(), port));
                try {
                    s.receive(new DatagramPacket(new byte[512], 512));
                    return;
                } catch (java.net.SocketTimeoutException e) {
                    // not listening yet
                }
            }
        }
        throw new AssertionError("dnsmasq did not answer on port " + port);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
