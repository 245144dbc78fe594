package dev.parley.mixer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The options of {@code parley mixer} become a checked {@link MixerConfig}; bad ones are named. */
class MixerCommandTest {
    @TempDir
    Path dir;

    private MixerConfig parse(String... args) throws Exception {
        MixerCommand command = new MixerCommand();
        new CommandLine(command).parseArgs(args);
        return command.config();
    }

    @Test
    void theDocumentedCommandLineParses() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "s3cret\n");
        MixerConfig config = parse(
                "--control",
                "127.0.0.1:9090",
                "--rtp-bind",
                "127.0.0.1",
                "--rtp-ports",
                "40000-49999",
                "--token-file",
                token.toString(),
                "--workers",
                "3");

        assertThat(config.control().getPort()).isEqualTo(9090);
        assertThat(config.control().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(config.rtpPorts()).isEqualTo(new PortRange(40000, 49999));
        assertThat(config.token()).isEqualTo("s3cret");
        assertThat(config.workers()).isEqualTo(3);
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void theTransportIsEpollWhereItLoadsAndNioOnRequest() throws Exception {
        assertThat(parse().io()).isEqualTo(MixerConfig.Io.best());
        assertThat(parse("--io", "nio").io()).isEqualTo(MixerConfig.Io.NIO);
        assertThat(io.netty.channel.epoll.Epoll.isAvailable())
                .as("Netty's native epoll loads on this Linux x86_64 host")
                .isTrue();
        assertThat(parse("--io", "epoll").io()).isEqualTo(MixerConfig.Io.EPOLL);
        assertThatThrownBy(() -> parse("--io", "kqueue")).hasMessageContaining("io must be epoll or nio");
    }

    @Test
    void aReadTakesOneDatagramUnlessABatchIsAskedFor() throws Exception {
        assertThat(parse().readBatch()).isEqualTo(1);
        assertThat(parse("--read-batch", "16").readBatch()).isEqualTo(16);
        assertThatThrownBy(() -> parse("--read-batch", "0")).hasMessageContaining("read-batch must be 1-64, got 0");
    }

    @Test
    void realtimeSchedulingIsOffUnlessAPriorityIsGiven() throws Exception {
        assertThat(parse().realtimePriority()).isZero();
        assertThat(parse("--realtime-priority", "10").realtimePriority()).isEqualTo(10);
        assertThatThrownBy(() -> parse("--realtime-priority", "100"))
                .hasMessageContaining("realtime-priority must be 1-99 (0 for normal scheduling), got 100");
        assertThatThrownBy(() -> parse("--realtime-priority", "-1")).hasMessageContaining("realtime-priority");
    }

    @Test
    void withoutATokenFileARandomTokenIsMade() throws Exception {
        MixerConfig first = parse();
        MixerConfig second = parse();
        assertThat(first.token()).hasSizeGreaterThan(20).isNotEqualTo(second.token());
        assertThat(first.workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> parse("--rtp-ports", "50000-40000")).hasMessageContaining("rtp-ports");
        assertThatThrownBy(() -> parse("--rtp-ports", "40000")).hasMessageContaining("rtp-ports");
        assertThatThrownBy(() -> parse("--rtp-ports", "70000-70010")).hasMessageContaining("rtp-ports");
        assertThatThrownBy(() -> parse("--rtp-ports", "40001-40001")).hasMessageContaining("even/odd pair");
        assertThatThrownBy(() -> parse("--control", "localhost")).hasMessageContaining("control");
        assertThatThrownBy(() -> parse("--control", "127.0.0.1:99999")).hasMessageContaining("control port");
        assertThatThrownBy(() -> parse("--workers", "0")).hasMessageContaining("workers");
        assertThatThrownBy(() -> parse("--token-file", dir.resolve("missing").toString()))
                .hasMessageContaining("token-file");
    }

    @Test
    void anEmptyTokenFileIsRefused() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "\n");
        assertThatThrownBy(() -> parse("--token-file", token.toString())).hasMessageContaining("token");
    }

    @Test
    void badOptionsExitWithTwoAndTheMessage() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.err;
        int code;
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            code = new CommandLine(new MixerCommand()).execute("--workers", "0");
        } finally {
            System.setErr(saved);
        }
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("parley mixer: workers must be");
    }
}
