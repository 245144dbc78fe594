package dev.parley.proxy.cli;

import dev.parley.proxy.ParleyServer;
import dev.parley.proxy.config.ConfigException;
import dev.parley.proxy.config.ConfigFile;
import dev.parley.proxy.config.ServerConfig;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parley server}: runs the SIP server until SIGTERM or Ctrl-C. */
@Command(
        name = "parley server",
        mixinStandardHelpOptions = true,
        description = "Runs the SIP server: registrar (REGISTER with digest auth), OPTIONS, a stateful proxy for"
                + " calls between registered users, the conference focus"
                + " (with a mixer in its own JVM unless --mixer is given); /health, /metrics and"
                + " /conferences over HTTP.")
public final class ServerCommand implements Callable<Integer> {
    @Mixin
    StoreOptions store = new StoreOptions();

    @Option(
            names = "--sip-listen",
            paramLabel = "HOST:PORT",
            description = "SIP over UDP and TCP (repeatable; default: 127.0.0.1:5060)")
    @Nullable
    List<String> sipListen;

    @Option(
            names = "--sip-tls",
            paramLabel = "HOST:PORT",
            description = "SIP over TLS, e.g. 127.0.0.1:5061 (repeatable; default: none)")
    @Nullable
    List<String> sipTls;

    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            description = "PEM certificate chain for --sip-tls (default: a self-signed one made under"
                    + " DATA/tls on the first start)")
    @Nullable
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "the PEM private key of --tls-cert")
    @Nullable
    String tlsKey;

    @Option(
            names = "--http",
            paramLabel = "HOST:PORT",
            description = "HTTP for /health and /metrics (default: 127.0.0.1:8080)")
    @Nullable
    String http;

    @Option(
            names = "--digest-algorithms",
            paramLabel = "LIST",
            description = "challenged digest algorithms, preferred first (default: SHA-256,MD5)")
    @Nullable
    String digestAlgorithms;

    @Option(
            names = "--min-expires",
            paramLabel = "SECONDS",
            description = "shortest registration accepted; shorter ones get 423 (default: 60)")
    @Nullable
    String minExpires;

    @Option(
            names = "--nonce-lifetime",
            paramLabel = "SECONDS",
            description = "how long a challenge stays fresh before stale=true (default: 300)")
    @Nullable
    String nonceLifetime;

    @Option(
            names = "--mixer",
            paramLabel = "URL",
            description = "control API of a parley mixer daemon, e.g. http://127.0.0.1:9090 (repeatable;"
                    + " default: start a mixer in its own JVM)")
    @Nullable
    List<String> mixers;

    @Option(
            names = "--mixer-token-file",
            paramLabel = "FILE",
            description = "the mixers' bearer token (the daemon's --token-file); needed with --mixer")
    @Nullable
    String mixerTokenFile;

    @Option(
            names = "--mixer-realtime-priority",
            paramLabel = "N",
            description = "1-99: the mixer the server starts runs its media workers in SCHED_FIFO at this"
                    + " priority (its --realtime-priority; needs CAP_SYS_NICE or RLIMIT_RTPRIO); 0: normal"
                    + " scheduling (default: 0)")
    @Nullable
    String mixerRealtimePriority;

    @Option(
            names = "--ring-timeout",
            paramLabel = "SECONDS",
            description = "how long a user's phones of one q ring before the next q's ring, or after"
                    + " the last the caller gets 480 (default: 60)")
    @Nullable
    String ringTimeout;

    @Option(
            names = "--dial-out-ring-time",
            paramLabel = "SECONDS",
            description = "how long a user's phones of one q ring when a meeting calls them out, before"
                    + " the next q's ring, or after the last the REFER ends in 480 (default: 60)")
    @Nullable
    String dialOutRingTime;

    @Option(
            names = "--timer-c",
            paramLabel = "SECONDS",
            description = "RFC 3261 Timer C: a branch with no provisional response for this long is"
                    + " cancelled (default: 185)")
    @Nullable
    String timerC;

    @Option(
            names = "--flow-timer",
            paramLabel = "SECONDS",
            description = "SIP Outbound over TCP/TLS: the most seconds between a phone's keep-alives,"
                    + " sent in the REGISTER's 200 (RFC 5626 Flow-Timer; default: 120)")
    @Nullable
    String flowTimer;

    @Option(
            names = "--flow-timer-udp",
            paramLabel = "SECONDS",
            description = "the same over UDP, where the keep-alive is STUN (default: 29)")
    @Nullable
    String udpFlowTimer;

    @Option(
            names = "--dns-server",
            paramLabel = "HOST:PORT",
            description = "the DNS server for calls to other domains (RFC 3263; default: the system's)")
    @Nullable
    String dnsServer;

    @Option(
            names = "--proxy-auth",
            paramLabel = "on|off",
            description = "callers of this domain authenticate before the proxy forwards their calls"
                    + " (default: on; off only on a trusted network or for the benchmark)")
    @Nullable
    String proxyAuth;

    @Override
    public Integer call() throws Exception {
        Map<String, List<String>> flags = store.flags();
        if (sipListen != null) {
            flags.put("sip-listen", sipListen);
        }
        if (http != null) {
            flags.put("http", List.of(http));
        }
        if (sipTls != null) {
            flags.put("sip-tls", sipTls);
        }
        if (tlsCert != null) {
            flags.put("tls-cert", List.of(tlsCert));
        }
        if (tlsKey != null) {
            flags.put("tls-key", List.of(tlsKey));
        }
        if (minExpires != null) {
            flags.put("min-expires", List.of(minExpires));
        }
        if (nonceLifetime != null) {
            flags.put("nonce-lifetime", List.of(nonceLifetime));
        }
        if (digestAlgorithms != null) {
            flags.put("digest-algorithms", List.of(digestAlgorithms));
        }
        if (mixers != null) {
            flags.put("mixer", mixers);
        }
        if (ringTimeout != null) {
            flags.put("ring-timeout", List.of(ringTimeout));
        }
        if (dialOutRingTime != null) {
            flags.put("dial-out-ring-time", List.of(dialOutRingTime));
        }
        if (timerC != null) {
            flags.put("timer-c", List.of(timerC));
        }
        if (dnsServer != null) {
            flags.put("dns-server", List.of(dnsServer));
        }
        if (flowTimer != null) {
            flags.put("flow-timer", List.of(flowTimer));
        }
        if (udpFlowTimer != null) {
            flags.put("flow-timer-udp", List.of(udpFlowTimer));
        }
        if (proxyAuth != null) {
            flags.put("proxy-auth", List.of(proxyAuth));
        }
        if (mixerTokenFile != null) {
            flags.put("mixer-token-file", List.of(mixerTokenFile));
        }
        if (mixerRealtimePriority != null) {
            flags.put("mixer-realtime-priority", List.of(mixerRealtimePriority));
        }
        ServerConfig config;
        try {
            config = ConfigFile.resolve(store.configFile(), flags);
        } catch (ConfigException e) {
            System.err.println("parley server: " + e.getMessage());
            return 2;
        }
        ParleyServer server = ParleyServer.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            System.out.println("parley server: stopped");
                            stopped.countDown();
                        },
                        "shutdown"));
        for (String l : server.listening()) {
            System.out.println("parley server: listening on " + l);
        }
        System.out.println("parley server: domain " + config.domain() + "; add a user with: ./parley user add NAME"
                + (store.configFile().isPresent()
                        ? " --config " + store.configFile().get()
                        : ""));
        System.out.flush();
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ServerCommand()).execute(args));
    }
}
