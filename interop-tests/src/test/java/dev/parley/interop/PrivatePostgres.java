package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL of Debian's {@code postgresql} package, initialised in a private data directory
 * and started on a free port with its socket in that directory; stopped on close. When the tests
 * run as root, the server runs as the {@code postgres} user (it refuses to run as root). A
 * missing PostgreSQL fails the test: {@code ./parley test} installs it.
 */
final class PrivatePostgres implements AutoCloseable {
    private final Path bin;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;

    private PrivatePostgres(Path bin, Path data, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    static PrivatePostgres start(Path dir) throws Exception {
        Path bin = binDir().orElseThrow(() ->
                new AssertionError("PostgreSQL is not installed: apt-get install postgresql (./parley test does it)"));
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.createDirectories(dir);
        Path data = dir.resolve("data");
        if (root) {
            run(List.of("chown", "-R", "postgres", dir.toString()));
            run(List.of("chmod", "o+x", dir.getParent().toString()));
        }
        int port = Ports.free();
        PrivatePostgres pg = new PrivatePostgres(bin, data, port, root);
        run(pg.command("initdb", "-D", data.toString(), "-U", "parley", "--auth=trust", "-E", "UTF8"));
        run(pg.command(
                "pg_ctl",
                "-D",
                data.toString(),
                "-l",
                dir.resolve("postgres.log").toString(),
                "-w",
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1",
                "start"));
        try (Connection c =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=parley");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE parley");
        }
        return pg;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/parley?user=parley";
    }

    private List<String> command(String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Optional<Path> binDir() throws IOException {
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Path::compareTo);
                if (newest.isPresent()) {
                    return newest;
                }
            }
        }
        return Stream.of(System.getenv("PATH").split(":"))
                .map(Path::of)
                .filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("pg_ctl")))
                .findFirst();
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(cmd + " finished").isTrue();
        assertThat(p.exitValue()).as(cmd + ": " + out).isZero();
    }

    @Override
    public void close() throws Exception {
        run(command("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"));
    }
}
