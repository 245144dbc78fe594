package dev.parley.registrar.location;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registrar's settings: its domain and the aliases it also answers for (the addresses it
 * listens on, so {@code sip:user@127.0.0.1} works too; every alias maps to the same
 * address-of-record), the expiry bounds of RFC 3261 §10.3 step 7, and how many contacts one
 * address-of-record may hold.
 */
public record RegistrarPolicy(
        String domain,
        Set<String> aliases,
        Duration minExpires,
        Duration defaultExpires,
        Duration maxExpires,
        int maxContacts) {

    public RegistrarPolicy {
        if (domain.isEmpty()) {
            throw new IllegalArgumentException("a registrar serves a non-empty domain");
        }
        domain = domain.toLowerCase(Locale.ROOT);
        aliases = aliases.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (minExpires.isNegative()
                || defaultExpires.compareTo(minExpires) < 0
                || maxExpires.compareTo(defaultExpires) < 0) {
            throw new IllegalArgumentException("need 0 <= minExpires <= defaultExpires <= maxExpires");
        }
        if (maxContacts < 1) {
            throw new IllegalArgumentException("maxContacts must be positive, got " + maxContacts);
        }
    }

    /** Min 60 s, default 3600 s, max 7200 s, 10 contacts per address-of-record. */
    public static RegistrarPolicy forDomain(String domain, Set<String> aliases) {
        return new RegistrarPolicy(
                domain, aliases, Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofHours(2), 10);
    }

    /** Whether {@code host} is one of ours, ignoring case. */
    public boolean serves(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.equals(domain) || aliases.contains(lower);
    }
}
