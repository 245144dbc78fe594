package dev.parley.proxy.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The flags that say which configuration, domain and store to use; shared by server and user. */
final class StoreOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "configuration file (KEY = VALUE lines)")
    @Nullable
    Path config;

    @Option(names = "--domain", paramLabel = "NAME", description = "SIP domain and digest realm (default: localhost)")
    @Nullable
    String domain;

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "data directory of the embedded database (default: ./data)")
    @Nullable
    String data;

    @Option(
            names = "--db",
            paramLabel = "JDBC_URL",
            description = "use this database instead, e.g. jdbc:postgresql://host/parley?user=...")
    @Nullable
    String db;

    Optional<Path> configFile() {
        return Optional.ofNullable(config);
    }

    /** The flags given, by config-file key. */
    Map<String, List<String>> flags() {
        Map<String, List<String>> flags = new LinkedHashMap<>();
        if (domain != null) {
            flags.put("domain", List.of(domain));
        }
        if (data != null) {
            flags.put("data", List.of(data));
        }
        if (db != null) {
            flags.put("db", List.of(db));
        }
        return flags;
    }
}
