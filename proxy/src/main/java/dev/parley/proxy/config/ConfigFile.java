package dev.parley.proxy.config;

import dev.parley.registrar.digest.DigestAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The server's configuration file: one {@code key = value} per line, {@code #} starts a comment,
 * {@code sip-listen} may repeat. The keys are the long flag names without dashes:
 *
 * <pre>
 * sip-listen = 127.0.0.1:5060
 * domain = localhost
 * data = ./data
 * db = jdbc:postgresql://db.example.com/parley?user=parley&amp;password=...
 * http = 127.0.0.1:8080
 * digest-algorithms = SHA-256, MD5
 * min-expires = 60
 * nonce-lifetime = 300
 * ring-timeout = 60
 * dial-out-ring-time = 60
 * timer-c = 185
 * dns-server = 127.0.0.1:53
 * flow-timer = 120
 * flow-timer-udp = 29
 * proxy-auth = on
 * sip-tls = 127.0.0.1:5061
 * tls-cert = /etc/parley/cert.pem
 * tls-key = /etc/parley/key.pem
 * mixer-realtime-priority = 10
 * </pre>
 */
public final class ConfigFile {
    /** Keys a file may set. */
    public static final List<String> KEYS = List.of(
            "sip-listen",
            "domain",
            "data",
            "db",
            "http",
            "digest-algorithms",
            "min-expires",
            "nonce-lifetime",
            "mixer",
            "mixer-token-file",
            "ring-timeout",
            "dial-out-ring-time",
            "timer-c",
            "dns-server",
            "flow-timer",
            "flow-timer-udp",
            "proxy-auth",
            "sip-tls",
            "tls-cert",
            "tls-key",
            "mixer-realtime-priority");

    private ConfigFile() {}

    /** The values of {@code file}, each key to its values in file order. */
    public static Map<String, List<String>> read(Path file) throws ConfigException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, List<String>> values = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String where = file + " line " + (i + 1);
            if (eq < 0) {
                throw new ConfigException(where + ": expected KEY = VALUE, got '" + line + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!KEYS.contains(key)) {
                throw new ConfigException(
                        where + ": unknown key '" + key + "' (known keys: " + String.join(", ", KEYS) + ")");
            }
            if (value.isEmpty()) {
                throw new ConfigException(where + ": key '" + key + "' has no value");
            }
            List<String> list = values.computeIfAbsent(key, k -> new ArrayList<>());
            if (!list.isEmpty() && !key.equals("sip-listen") && !key.equals("sip-tls") && !key.equals("mixer")) {
                throw new ConfigException(where + ": key '" + key + "' is set twice");
            }
            list.add(value);
        }
        return values;
    }

    /**
     * Defaults, overridden by {@code file} (when given), overridden by the flags given on the
     * command line ({@code flags}, same keys). Bad values name the key and where it came from.
     */
    public static ServerConfig resolve(Optional<Path> file, Map<String, List<String>> flags) throws ConfigException {
        Map<String, List<String>> fromFile = file.isPresent() ? read(file.get()) : Map.of();
        ServerConfig d = ServerConfig.DEFAULTS;
        try {
            List<HostPort> listen = new ArrayList<>();
            for (String v : pick("sip-listen", fromFile, flags).orElse(List.of())) {
                listen.add(parse("sip-listen", v, file, fromFile, flags));
            }
            List<HostPort> tls = new ArrayList<>();
            for (String v : pick("sip-tls", fromFile, flags).orElse(List.of())) {
                tls.add(parse("sip-tls", v, file, fromFile, flags));
            }
            String domain = first("domain", fromFile, flags).orElse(d.domain());
            Path data = first("data", fromFile, flags).map(Path::of).orElse(d.data());
            Optional<String> db = first("db", fromFile, flags);
            HostPort http = first("http", fromFile, flags).isPresent()
                    ? parse("http", first("http", fromFile, flags).orElseThrow(), file, fromFile, flags)
                    : d.http();
            List<DigestAlgorithm> algorithms = new ArrayList<>();
            for (String token :
                    first("digest-algorithms", fromFile, flags).orElse("").split(",")) {
                if (!token.isBlank()) {
                    algorithms.add(DigestAlgorithm.fromToken(Optional.of(token.strip()))
                            .orElseThrow(() -> new IllegalArgumentException(
                                    "digest-algorithms: unknown algorithm '" + token.strip() + "' (SHA-256, MD5)")));
                }
            }
            Optional<String> dns = first("dns-server", fromFile, flags);
            return new ServerConfig(
                    listen.isEmpty() ? d.sipListen() : listen,
                    domain,
                    data,
                    db,
                    http,
                    algorithms.isEmpty() ? d.digestAlgorithms() : algorithms,
                    seconds("min-expires", fromFile, flags).orElse(d.minExpires()),
                    seconds("nonce-lifetime", fromFile, flags).orElse(d.nonceLifetime()),
                    mixers(pick("mixer", fromFile, flags).orElse(List.of())),
                    first("mixer-token-file", fromFile, flags).map(Path::of),
                    seconds("ring-timeout", fromFile, flags).orElse(d.ringTimeout()),
                    onOff("proxy-auth", fromFile, flags).orElse(d.proxyAuth()),
                    tls,
                    first("tls-cert", fromFile, flags).map(Path::of),
                    first("tls-key", fromFile, flags).map(Path::of),
                    seconds("timer-c", fromFile, flags).orElse(d.timerC()),
                    dns.isPresent()
                            ? Optional.of(parse("dns-server", dns.get(), file, fromFile, flags))
                            : d.dnsServer(),
                    seconds("flow-timer", fromFile, flags).orElse(d.flowTimer()),
                    seconds("flow-timer-udp", fromFile, flags).orElse(d.udpFlowTimer()),
                    integer("mixer-realtime-priority", fromFile, flags).orElse(d.mixerRealtimePriority()),
                    seconds("dial-out-ring-time", fromFile, flags).orElse(d.dialOutRingTime()));
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            String key = message.contains(":") ? message.substring(0, message.indexOf(':')) : "";
            throw new ConfigException(message + origin(key, file, fromFile, flags));
        }
    }

    private static List<java.net.URI> mixers(List<String> values) {
        List<java.net.URI> out = new ArrayList<>();
        for (String v : values) {
            try {
                out.add(new java.net.URI(v));
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("mixer: not a URL: '" + v + "'", e);
            }
        }
        return out;
    }

    private static HostPort parse(
            String key,
            String value,
            Optional<Path> file,
            Map<String, List<String>> fromFile,
            Map<String, List<String>> flags)
            throws ConfigException {
        try {
            return HostPort.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + ": " + e.getMessage() + origin(key, file, fromFile, flags));
        }
    }

    private static String origin(
            String key, Optional<Path> file, Map<String, List<String>> fromFile, Map<String, List<String>> flags) {
        if (flags.containsKey(key)) {
            return " (flag --" + key + ")";
        }
        if (fromFile.containsKey(key) && file.isPresent()) {
            return " (in " + file.get() + ")";
        }
        return "";
    }

    private static Optional<Duration> seconds(
            String key, Map<String, List<String>> fromFile, Map<String, List<String>> flags) {
        return number(key, fromFile, flags, "a number of seconds", Long::parseLong)
                .map(Duration::ofSeconds);
    }

    private static Optional<Integer> integer(
            String key, Map<String, List<String>> fromFile, Map<String, List<String>> flags) {
        return number(key, fromFile, flags, "a number", Integer::parseInt);
    }

    /** {@code key}'s value read by {@code parse}; {@code what} says what was expected when it fails. */
    private static <T> Optional<T> number(
            String key,
            Map<String, List<String>> fromFile,
            Map<String, List<String>> flags,
            String what,
            Function<String, T> parse) {
        Optional<String> value = first(key, fromFile, flags);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(value.get()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected " + what + ", got '" + value.get() + "'", e);
        }
    }

    private static Optional<Boolean> onOff(
            String key, Map<String, List<String>> fromFile, Map<String, List<String>> flags) {
        Optional<String> value = first(key, fromFile, flags);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        return switch (value.get().strip().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "yes", "true" -> Optional.of(true);
            case "off", "no", "false" -> Optional.of(false);
            default -> throw new IllegalArgumentException(key + ": expected on or off, got '" + value.get() + "'");
        };
    }

    private static Optional<List<String>> pick(
            String key, Map<String, List<String>> fromFile, Map<String, List<String>> flags) {
        if (flags.containsKey(key)) {
            return Optional.of(flags.get(key));
        }
        return Optional.ofNullable(fromFile.get(key));
    }

    private static Optional<String> first(
            String key, Map<String, List<String>> fromFile, Map<String, List<String>> flags) {
        return pick(key, fromFile, flags).filter(l -> !l.isEmpty()).map(l -> l.get(0));
    }
}
