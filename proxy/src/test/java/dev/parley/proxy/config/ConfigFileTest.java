package dev.parley.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.registrar.digest.DigestAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    @TempDir
    Path dir;

    private Path write(String text) throws Exception {
        Path file = dir.resolve("parley.conf");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void noFileNoFlagsGivesTheDocumentedDefaults() throws Exception {
        ServerConfig c = ConfigFile.resolve(Optional.empty(), Map.of());
        assertThat(c.sipListen()).containsExactly(new HostPort("127.0.0.1", 5060));
        assertThat(c.domain()).isEqualTo("localhost");
        assertThat(c.http()).isEqualTo(new HostPort("127.0.0.1", 8080));
        assertThat(c.jdbcUrl()).startsWith("jdbc:h2:file:").contains("data");
        assertThat(c.digestAlgorithms()).containsExactly(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
        assertThat(c.ringTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.timerC()).as("RFC 3261 §16.6: more than 3 minutes").isGreaterThan(Duration.ofMinutes(3));
        assertThat(c.proxyAuth()).isTrue();
    }

    @Test
    void ringTimeoutAndProxyAuthAreKeysAndFlags() throws Exception {
        Path file = write("ring-timeout = 20\nproxy-auth = off\ntimer-c = 200\n");
        ServerConfig c = ConfigFile.resolve(Optional.of(file), Map.of("timer-c", List.of("5")));
        assertThat(c.ringTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.timerC()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.proxyAuth()).isFalse();
        assertThatThrownBy(() -> ConfigFile.resolve(Optional.empty(), Map.of("proxy-auth", List.of("maybe"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("proxy-auth: expected on or off")
                .hasMessageContaining("flag --proxy-auth");
        assertThatThrownBy(() -> ConfigFile.resolve(Optional.empty(), Map.of("ring-timeout", List.of("0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ring-timeout: 1 to 600 seconds");
        assertThatThrownBy(() -> ConfigFile.resolve(Optional.empty(), Map.of("timer-c", List.of("0"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("timer-c: 1 to 3600 seconds");
    }

    @Test
    void theDialOutRingTimeIsAKeyAndAFlag() throws Exception {
        assertThat(ConfigFile.resolve(Optional.empty(), Map.of()).dialOutRingTime())
                .isEqualTo(Duration.ofSeconds(60));
        Path file = write("dial-out-ring-time = 30\n");
        assertThat(ConfigFile.resolve(Optional.of(file), Map.of()).dialOutRingTime())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ConfigFile.resolve(Optional.of(file), Map.of("dial-out-ring-time", List.of("5")))
                        .dialOutRingTime())
                .isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> ConfigFile.resolve(Optional.of(write("dial-out-ring-time = 601\n")), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("dial-out-ring-time: 1 to 600 seconds, got 601")
                .hasMessageContaining("(in ");
    }

    @Test
    void theStartedMixersRealtimePriorityIsAKeyAndAFlag() throws Exception {
        assertThat(ConfigFile.resolve(Optional.empty(), Map.of()).mixerRealtimePriority())
                .as("normal scheduling by default")
                .isZero();
        Path file = write("mixer-realtime-priority = 10\n");
        assertThat(ConfigFile.resolve(Optional.of(file), Map.of()).mixerRealtimePriority())
                .isEqualTo(10);
        assertThat(ConfigFile.resolve(Optional.of(file), Map.of("mixer-realtime-priority", List.of("20")))
                        .mixerRealtimePriority())
                .isEqualTo(20);
        Path bad = write("mixer-realtime-priority = 100\n");
        assertThatThrownBy(() -> ConfigFile.resolve(Optional.of(bad), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mixer-realtime-priority: 1 to 99 (0: normal scheduling), got 100")
                .hasMessageContaining("(in " + bad + ")");
        assertThatThrownBy(
                        () -> ConfigFile.resolve(Optional.empty(), Map.of("mixer-realtime-priority", List.of("high"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mixer-realtime-priority: expected a number, got 'high'")
                .hasMessageContaining("flag --mixer-realtime-priority");
        assertThatThrownBy(() -> ConfigFile.resolve(
                        Optional.empty(),
                        Map.of(
                                "mixer-realtime-priority", List.of("10"),
                                "mixer", List.of("http://127.0.0.1:9090"),
                                "mixer-token-file", List.of("/etc/parley/mixer.token"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mixer-realtime-priority: only for the mixer the server starts");
    }

    @Test
    void flowTimersAreKeysAndFlags() throws Exception {
        ServerConfig defaults = ConfigFile.resolve(Optional.empty(), Map.of());
        assertThat(defaults.flowTimer()).isEqualTo(Duration.ofMinutes(2));
        assertThat(defaults.udpFlowTimer()).isEqualTo(Duration.ofSeconds(29));
        Path file = write("flow-timer = 90\nflow-timer-udp = 20\n");
        ServerConfig c = ConfigFile.resolve(Optional.of(file), Map.of("flow-timer-udp", List.of("25")));
        assertThat(c.flowTimer()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.udpFlowTimer()).isEqualTo(Duration.ofSeconds(25));
        Path bad = write("flow-timer = 5\n");
        assertThatThrownBy(() -> ConfigFile.resolve(Optional.of(bad), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("flow-timer: 10 to 3600 seconds, got 5")
                .hasMessageContaining(bad.toString());
        assertThatThrownBy(() -> ConfigFile.resolve(Optional.empty(), Map.of("flow-timer-udp", List.of("soon"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("flow-timer-udp: expected a number of seconds, got 'soon'")
                .hasMessageContaining("flag --flow-timer-udp");
    }

    @Test
    void fileSetsKeysAndFlagsWin() throws Exception {
        Path file = write("""
                # two listeners
                sip-listen = 127.0.0.1:5070
                sip-listen = [::1]:5070
                domain = example.com
                http = 127.0.0.1:9090
                digest-algorithms = MD5
                min-expires = 30
                """);
        ServerConfig c = ConfigFile.resolve(Optional.of(file), Map.of("domain", List.of("override.example")));
        assertThat(c.sipListen()).containsExactly(new HostPort("127.0.0.1", 5070), new HostPort("::1", 5070));
        assertThat(c.domain()).isEqualTo("override.example");
        assertThat(c.http().port()).isEqualTo(9090);
        assertThat(c.digestAlgorithms()).containsExactly(DigestAlgorithm.MD5);
        assertThat(c.minExpires()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void unknownKeyNamesTheKeyTheFileAndTheLine() throws Exception {
        Path file = write("domain = example.com\nsip_listen = 127.0.0.1:5060\n");
        assertThatThrownBy(() -> ConfigFile.resolve(Optional.of(file), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sip_listen")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 2");
    }

    @Test
    void badValueNamesTheKeyAndWhereItCameFrom() throws Exception {
        Path file = write("http = localhost\n");
        assertThatThrownBy(() -> ConfigFile.resolve(Optional.of(file), Map.of()))
                .hasMessageContaining("http")
                .hasMessageContaining(file.toString());
        assertThatThrownBy(() -> ConfigFile.resolve(Optional.empty(), Map.of("db", List.of("jdbc:mysql://x"))))
                .hasMessageContaining("db:")
                .hasMessageContaining("--db");
        assertThatThrownBy(() -> ConfigFile.resolve(Optional.empty(), Map.of("digest-algorithms", List.of("SHA-1"))))
                .hasMessageContaining("SHA-1");
    }
}
