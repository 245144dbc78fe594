package dev.parley.proxy.config;

import dev.parley.registrar.digest.DigestAlgorithm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code parley server} runs with. Every field is a config-file key and a command-line
 * flag of the same name.
 *
 * @param sipListen SIP listeners, each on UDP and TCP ({@code sip-listen}, repeatable)
 * @param domain the SIP domain and digest realm ({@code domain})
 * @param data the data directory holding the embedded database ({@code data})
 * @param db a JDBC URL that replaces the embedded database ({@code db})
 * @param http where {@code /health} and {@code /metrics} are served ({@code http})
 * @param digestAlgorithms the algorithms challenged, most preferred first ({@code
 *     digest-algorithms}); RFC 8760 §2.4 puts SHA-256 before MD5. Clients that read only the
 *     first challenge and know only MD5 (sipp 3.6) need {@code MD5} alone.
 * @param minExpires the shortest registration accepted, answered with 423 below it (RFC 3261
 *     §10.3 step 7; {@code min-expires}, seconds, 1 to 3600)
 * @param nonceLifetime how long a challenge's nonce is fresh before stale=true ({@code
 *     nonce-lifetime}, seconds, 1 to 86400)
 * @param mixers control API URLs of {@code parley mixer} daemons ({@code mixer}, repeatable);
 *     none: the server starts a mixer in its own JVM
 * @param mixerTokenFile the file holding the mixers' bearer token ({@code mixer-token-file});
 *     required with {@code mixer}
 * @param ringTimeout how long the proxy lets one group of a user's phones (those of equal q) ring
 *     before it cancels them and tries the next group, or after the last answers 480 ({@code
 *     ring-timeout}, seconds, 1 to 600)
 * @param timerC RFC 3261 §16.6 step 11's Timer C of each INVITE branch, restarted by every
 *     provisional response but 100: on expiry a ringing branch is cancelled and a silent one
 *     counts as 408 ({@code timer-c}, seconds, 1 to 3600; the RFC asks for more than 3 minutes)
 * @param dnsServer the DNS server asked for RFC 3263 lookups of other domains ({@code
 *     dns-server}); none: the system's resolvers (/etc/resolv.conf)
 * @param proxyAuth whether callers of this domain authenticate (407) before the proxy forwards
 *     their requests ({@code proxy-auth}, {@code on} or {@code off}; off only for trusted networks
 *     and the benchmark, like Kamailio's benchmark configuration)
 * @param sipTls SIP over TLS listeners ({@code sip-tls}, repeatable; none by default)
 * @param tlsCert the PEM certificate chain for TLS ({@code tls-cert}); none: a self-signed one
 *     made under {@code data}/tls on the first start
 * @param tlsKey the PEM private key of {@code tlsCert} ({@code tls-key}), unencrypted
 * @param flowTimer the Flow-Timer a SIP Outbound REGISTER over TCP or TLS is answered with (RFC
 *     5626 §10.2): the most seconds between the phone's CRLF keep-alives ({@code flow-timer},
 *     seconds, 10 to 3600)
 * @param udpFlowTimer the same over UDP, where the keep-alive is STUN ({@code flow-timer-udp},
 *     seconds, 10 to 3600; a home NAT forgets an idle UDP mapping after about 30 s)
 * @param mixerRealtimePriority the {@code --realtime-priority} of the mixer the server starts
 *     in its own JVM ({@code mixer-realtime-priority}, 1 to 99: its media workers in SCHED_FIFO;
 *     0, the default: normal scheduling); the daemons of {@code mixers} take their own
 * @param dialOutRingTime how long the phones of one q ring when a meeting calls someone out (a
 *     REFER to the focus) before the next q rings, or after the last the REFER ends in 480 ({@code
 *     dial-out-ring-time}, seconds, 1 to 600)
 */
public record ServerConfig(
        List<HostPort> sipListen,
        String domain,
        Path data,
        Optional<String> db,
        HostPort http,
        List<DigestAlgorithm> digestAlgorithms,
        Duration minExpires,
        Duration nonceLifetime,
        List<java.net.URI> mixers,
        Optional<Path> mixerTokenFile,
        Duration ringTimeout,
        boolean proxyAuth,
        List<HostPort> sipTls,
        Optional<Path> tlsCert,
        Optional<Path> tlsKey,
        Duration timerC,
        Optional<HostPort> dnsServer,
        Duration flowTimer,
        Duration udpFlowTimer,
        int mixerRealtimePriority,
        Duration dialOutRingTime) {
    /** The defaults a first run uses: nothing to set up. */
    public static final ServerConfig DEFAULTS = new ServerConfig(
            List.of(new HostPort("127.0.0.1", 5060)),
            "localhost",
            Path.of("data"),
            Optional.empty(),
            new HostPort("127.0.0.1", 8080),
            List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5),
            Duration.ofSeconds(60),
            Duration.ofMinutes(5),
            List.of(),
            Optional.empty(),
            Duration.ofSeconds(60),
            true,
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Duration.ofSeconds(185),
            Optional.empty(),
            dev.parley.registrar.location.Registrar.FLOW_TIMER,
            dev.parley.registrar.location.Registrar.UDP_FLOW_TIMER,
            0,
            Duration.ofSeconds(60));

    public ServerConfig {
        sipListen = List.copyOf(sipListen);
        sipTls = List.copyOf(sipTls);
        if (tlsCert.isPresent() != tlsKey.isPresent()) {
            throw new IllegalArgumentException(
                    (tlsCert.isPresent() ? "tls-key" : "tls-cert") + ": tls-cert and tls-key go together");
        }
        if (tlsCert.isPresent() && sipTls.isEmpty()) {
            throw new IllegalArgumentException("tls-cert: needs a sip-tls listener");
        }
        digestAlgorithms = List.copyOf(digestAlgorithms);
        mixers = List.copyOf(mixers);
        for (java.net.URI m : mixers) {
            if (!"http".equals(m.getScheme()) || m.getHost() == null) {
                throw new IllegalArgumentException("mixer: expected http://HOST:PORT, got '" + m + "'");
            }
        }
        if (!mixers.isEmpty() && mixerTokenFile.isEmpty()) {
            throw new IllegalArgumentException("mixer-token-file: needed with mixer (the daemon's --token-file)");
        }
        if (digestAlgorithms.isEmpty()
                || digestAlgorithms.size() != Set.copyOf(digestAlgorithms).size()) {
            throw new IllegalArgumentException("digest-algorithms: one or more of SHA-256, MD5, each once");
        }
        if (sipListen.isEmpty()) {
            throw new IllegalArgumentException("sip-listen: at least one listener is needed");
        }
        if (minExpires.toSeconds() < 1 || minExpires.toSeconds() > 3600) {
            throw new IllegalArgumentException("min-expires: 1 to 3600 seconds, got " + minExpires.toSeconds());
        }
        if (nonceLifetime.toSeconds() < 1 || nonceLifetime.toSeconds() > 86400) {
            throw new IllegalArgumentException("nonce-lifetime: 1 to 86400 seconds, got " + nonceLifetime.toSeconds());
        }
        if (ringTimeout.toSeconds() < 1 || ringTimeout.toSeconds() > 600) {
            throw new IllegalArgumentException("ring-timeout: 1 to 600 seconds, got " + ringTimeout.toSeconds());
        }
        if (dialOutRingTime.toSeconds() < 1 || dialOutRingTime.toSeconds() > 600) {
            throw new IllegalArgumentException(
                    "dial-out-ring-time: 1 to 600 seconds, got " + dialOutRingTime.toSeconds());
        }
        if (timerC.toSeconds() < 1 || timerC.toSeconds() > 3600) {
            throw new IllegalArgumentException("timer-c: 1 to 3600 seconds, got " + timerC.toSeconds());
        }
        if (flowTimer.toSeconds() < 10 || flowTimer.toSeconds() > 3600) {
            throw new IllegalArgumentException("flow-timer: 10 to 3600 seconds, got " + flowTimer.toSeconds());
        }
        if (udpFlowTimer.toSeconds() < 10 || udpFlowTimer.toSeconds() > 3600) {
            throw new IllegalArgumentException("flow-timer-udp: 10 to 3600 seconds, got " + udpFlowTimer.toSeconds());
        }
        if (mixerRealtimePriority < 0 || mixerRealtimePriority > 99) {
            throw new IllegalArgumentException(
                    "mixer-realtime-priority: 1 to 99 (0: normal scheduling), got " + mixerRealtimePriority);
        }
        if (mixerRealtimePriority > 0 && !mixers.isEmpty()) {
            throw new IllegalArgumentException("mixer-realtime-priority: only for the mixer the server starts;"
                    + " give the daemons named by mixer --realtime-priority");
        }
        if (dnsServer.isPresent() && dnsServer.get().port() == 0) {
            throw new IllegalArgumentException("dns-server: needs a port, e.g. 127.0.0.1:53");
        }
        if (!domain.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("domain: not a host name: '" + domain + "'");
        }
        if (db.isPresent() && !db.get().startsWith("jdbc:h2:") && !db.get().startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("db: expected jdbc:postgresql://... or jdbc:h2:..., got '"
                    + db.get().replaceAll("password=[^&;]*", "password=***") + "'");
        }
    }

    /** The JDBC URL of the store: {@code db}, or the embedded H2 file under {@code data}. */
    public String jdbcUrl() {
        return db.orElseGet(() -> dev.parley.registrar.store.Database.embeddedUrl(data));
    }
}
