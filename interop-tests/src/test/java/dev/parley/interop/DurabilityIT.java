package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A REGISTER that got 200 survives kill -9: the server is killed without its shutdown hook,
 * started again on the same store, and the binding is there with its remaining expiry, in the
 * embedded H2 store and in PostgreSQL (a private instance the test starts itself).
 */
class DurabilityIT {
    @Test
    void bindingSurvivesKill9WithTheEmbeddedStore() throws Exception {
        Path dir = Files.createTempDirectory("parley-durability-h2");
        registerKillRestartQuery(dir, List.of("--data", dir.resolve("data").toString()));
    }

    @Test
    void bindingSurvivesKill9WithPostgresql() throws Exception {
        Path dir = Files.createTempDirectory("parley-durability-pg");
        try (PrivatePostgres pg = PrivatePostgres.start(dir.resolve("pg"))) {
            registerKillRestartQuery(dir, List.of("--data", dir.resolve("data").toString(), "--db", pg.jdbcUrl()));
        }
    }

    private static void registerKillRestartQuery(Path dir, List<String> store) throws Exception {
        ServerProcess.addUser(store, "alice", "durable-secret");
        int firstPort = Ports.free();
        ServerProcess first = ServerProcess.start(dir, Ports.free(), serverArgs(store, firstPort));
        try {
            Sipp.Result registered = Sipp.run(dir, "register-ok", firstPort, "alice", "durable-secret", "alice", "u1");
            assertThat(registered.exitCode()).as(registered.errors()).isZero();
            assertThat(first.metric("parley_bindings_active")).isEqualTo(1);
        } finally {
            first.kill9();
        }
        assertThat(first.stdout()).as("no clean stop ran").doesNotContain("stopped");
        int secondPort = Ports.free();
        try (ServerProcess second = ServerProcess.start(dir, Ports.free(), serverArgs(store, secondPort))) {
            assertThat(second.metric("parley_bindings_active")).isEqualTo(1);
            Sipp.Result query = Sipp.run(dir, "register-query", secondPort, "alice", "durable-secret", "alice", "u1");
            assertThat(query.exitCode()).as(query.errors()).isZero();
        }
    }

    private static List<String> serverArgs(List<String> store, int sipPort) {
        List<String> args = new ArrayList<>(store);
        args.addAll(List.of("--sip-listen", "127.0.0.1:" + sipPort, "--digest-algorithms", "MD5"));
        return args;
    }
}
