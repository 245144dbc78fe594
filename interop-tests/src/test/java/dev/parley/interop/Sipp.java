package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs sipp (Debian {@code sip-tester}) with one of the scenarios under {@code
 * src/test/resources/sipp}, one call, against a server on 127.0.0.1. A missing sipp fails the
 * test: {@code ./parley test} installs it.
 */
final class Sipp {
    /** sipp's exit code and its error log. */
    record Result(int exitCode, String errors) {}

    private Sipp() {}

    /**
     * One call of {@code scenario} as {@code user} with {@code password}, naming {@code aor}'s
     * address-of-record; {@code transport} is {@code u1} (UDP) or {@code t1} (TCP).
     */
    static Result run(
            Path dir, String scenario, int serverPort, String user, String password, String aor, String transport)
            throws Exception {
        return run(dir, scenario, serverPort, user, password, aor, transport, Ports.free());
    }

    /** Like the above, from local port {@code localPort} (a sipp callee registers the port it will answer on). */
    static Result run(
            Path dir,
            String scenario,
            int serverPort,
            String user,
            String password,
            String aor,
            String transport,
            int localPort)
            throws Exception {
        Path work = Files.createDirectories(dir.resolve("sipp-" + scenario + "-" + user + "-" + transport));
        Path csv = work.resolve("users.csv");
        Files.writeString(
                csv,
                "SEQUENTIAL\n" + user + ";[authentication username=" + user + " password=" + password + "];" + aor
                        + "\n");
        return finish(
                start(
                        work,
                        scenario,
                        serverPort,
                        localPort,
                        List.of("-inf", csv.toString(), "-m", "1", "-t", transport)),
                work,
                scenario);
    }

    /**
     * Starts sipp with {@code scenario} in {@code work}, listening on {@code localPort}, with the
     * given extra arguments (-m, -s, -r…); {@link #finish} waits for it.
     */
    static Process start(Path work, String scenario, int serverPort, int localPort, List<String> extra)
            throws Exception {
        assertThat(Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "sipp"))))
                .as("sipp is not installed: apt-get install sip-tester (./parley test does it)")
                .isTrue();
        Files.createDirectories(work);
        Path xml = Path.of(System.getProperty("parley.sipp.scenarios"), scenario + ".xml");
        List<String> cmd = new ArrayList<>(List.of(
                "sipp",
                "127.0.0.1:" + serverPort,
                "-sf",
                xml.toString(),
                "-i",
                "127.0.0.1",
                "-p",
                Integer.toString(localPort),
                "-mp",
                Integer.toString(Ports.freeUdpRun(4)),
                "-timeout",
                "30s",
                "-trace_err",
                "-error_file",
                work.resolve("errors.log").toString(),
                "-nostdin"));
        cmd.addAll(extra);
        return new ProcessBuilder(cmd)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("sipp.out").toFile())
                .start();
    }

    /** Waits (at most 40 s) for a sipp started in {@code work}; its exit code and error log. */
    static Result finish(Process p, Path work, String scenario) throws Exception {
        try {
            if (!p.waitFor(40, TimeUnit.SECONDS)) {
                throw new AssertionError("sipp did not finish " + scenario + " in 40 s");
            }
        } finally {
            p.destroyForcibly();
        }
        Path errors = work.resolve("errors.log");
        String log = Files.exists(errors) ? Files.readString(errors, StandardCharsets.ISO_8859_1) : "";
        String screen = Files.readString(work.resolve("sipp.out"), StandardCharsets.ISO_8859_1);
        return new Result(p.exitValue(), log + screen.substring(Math.max(0, screen.length() - 3000)));
    }
}
