package dev.parley.mixer;

import dev.parley.mixer.audio.OpusCodecs;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code parley mixer}: runs the mixer daemon until SIGTERM or SIGINT, then closes the control
 * API and the workers and exits 0. Bad options exit 2 with a message naming the option.
 */
@Command(
        name = "parley mixer",
        mixinStandardHelpOptions = true,
        description = "Run the media mixer: RTP forwarding, N-1 audio mixing, HTTP/JSON control API.")
public final class MixerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(MixerCommand.class);

    @Option(
            names = "--control",
            paramLabel = "HOST:PORT",
            description = "control API address (default: ${DEFAULT-VALUE})")
    String control = "127.0.0.1:9090";

    @Option(
            names = "--rtp-bind",
            paramLabel = "IP",
            description = "address media sockets bind to (default: ${DEFAULT-VALUE})")
    String rtpBind = "127.0.0.1";

    @Option(
            names = "--rtp-ports",
            paramLabel = "FIRST-LAST",
            description = "media port range (default: ${DEFAULT-VALUE})")
    String rtpPorts = "40000-49999";

    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "file whose first line is the control API bearer token (default: a new random token, "
                    + "written to a private file whose path is logged)")
    @org.jspecify.annotations.Nullable
    Path tokenFile;

    @Option(names = "--workers", paramLabel = "N", description = "media worker threads (default: one per core)")
    int workers = Runtime.getRuntime().availableProcessors();

    @Option(
            names = "--rtp-timeout",
            paramLabel = "SECONDS",
            description = "report an endpoint that should send but sent neither RTP nor RTCP for this long"
                    + " (an rtp-timeout event for the focus); 0 turns it off (default: ${DEFAULT-VALUE})")
    long rtpTimeoutSeconds = MixerConfig.DEFAULT_RTP_TIMEOUT.toSeconds();

    @Option(
            names = "--io",
            paramLabel = "epoll|nio",
            description = "media transport: epoll (Netty's native epoll, Linux) or nio"
                    + " (default: epoll where it is available, else nio)")
    @org.jspecify.annotations.Nullable
    String io;

    @Option(
            names = "--read-batch",
            paramLabel = "N",
            description = "datagrams one read takes from a ready socket with epoll: 1 reads one (recv); more uses"
                    + " recvmmsg, which pays only where datagrams queue on a socket (default: ${DEFAULT-VALUE})")
    int readBatch = 1;

    @Option(
            names = "--opus",
            paramLabel = "auto|libopus|concentus",
            description = "Opus codec: native libopus (the system's, else the one bundled), concentus (pure Java,"
                    + " several times the CPU), or auto: libopus where it loads (default: ${DEFAULT-VALUE})")
    String opus = "auto";

    @Option(
            names = "--realtime-priority",
            paramLabel = "N",
            description = "1-99: each media worker thread runs SCHED_FIFO at this priority (needs CAP_SYS_NICE or"
                    + " RLIMIT_RTPRIO; where refused, one warning and normal scheduling); 0: normal scheduling"
                    + " (default: ${DEFAULT-VALUE})")
    int realtimePriority = 0;

    public static void main(String[] args) {
        quietLeakDetector();
        System.exit(new CommandLine(new MixerCommand()).execute(args));
    }

    /**
     * Netty's leak detector, unless {@code -Dio.netty.leakDetection.level} asks for it: at its
     * default level it records a stack trace for one buffer in 128, which on the forwarding path
     * is one every 64 packets, about a third of the bytes the workers allocate per packet
     * (bench/rtp/mixer-cost.sh: 25 instead of 38). The tests that run the engine in-process
     * keep it.
     */
    private static void quietLeakDetector() {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        MixerConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            System.err.println("parley mixer: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        MixerDaemon daemon;
        try {
            daemon = new MixerDaemon(config);
        } catch (IllegalStateException e) {
            // --opus libopus where libopus does not load.
            System.err.println("parley mixer: " + e.getMessage());
            return 2;
        }
        Thread hook = new Thread(
                () -> {
                    LOG.info("mixer stopping");
                    daemon.close();
                    LOG.info("mixer stopped");
                    stopped.countDown();
                },
                "mixer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        InetSocketAddress bound = daemon.controlAddress();
        LOG.info(
                "mixer listening: control={}:{} rtp={} ports={} workers={} rtp-timeout={}s io={} opus={}",
                bound.getAddress().getHostAddress(),
                bound.getPort(),
                config.rtpBind().getHostAddress(),
                config.rtpPorts(),
                config.workers(),
                config.rtpTimeout().toSeconds(),
                config.io().label(),
                daemon.opus().implementation());
        stopped.await();
        return 0;
    }

    MixerConfig config() throws IOException {
        return new MixerConfig(
                hostPort(control),
                address("rtp-bind", rtpBind),
                PortRange.parse(rtpPorts),
                token(),
                workers,
                java.time.Duration.ofSeconds(rtpTimeoutSeconds),
                io == null ? MixerConfig.Io.best() : MixerConfig.Io.parse(io),
                OpusCodecs.Choice.parse(opus),
                readBatch,
                realtimePriority);
    }

    private static InetSocketAddress hostPort(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("control must be HOST:PORT, got '" + value + "'");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("control port must be a number, got '" + value + "'", e);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("control port must be 0-65535, got " + port);
        }
        String host = value.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(address("control", host), port);
    }

    private static InetAddress address(String option, String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(option + ": unknown host '" + host + "'", e);
        }
    }

    private String token() throws IOException {
        Path file = tokenFile;
        if (file != null) {
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException("token-file: cannot read " + file);
            }
            String content = Files.readString(file, StandardCharsets.UTF_8).strip();
            int newline = content.indexOf('\n');
            return newline < 0 ? content : content.substring(0, newline).strip();
        }
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Path generated = Files.createTempFile(
                "parley-mixer-",
                ".token",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(generated, token + "\n", StandardCharsets.UTF_8);
        LOG.info("no --token-file: the control token is in {}", generated);
        return token;
    }
}
