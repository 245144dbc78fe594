package dev.parley.registrar.location;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registrar's settings: its domain and the aliases it also answers for (the addresses it
 * listens on, so {@code sip:user@127.0.0.1} works too; every alias maps to the same
 * address-of-record), the expiry bounds of RFC 3261 §10.3 step 7, how many contacts one
 * address-of-record may hold, and the Flow-Timer of SIP Outbound registrations (RFC 5626 §10.2)
 * over a connection ({@code flowTimer}) and over UDP ({@code udpFlowTimer}).
 */
public record RegistrarPolicy(
        String domain,
        Set<String> aliases,
        Duration minExpires,
        Duration defaultExpires,
        Duration maxExpires,
        int maxContacts,
        Duration flowTimer,
        Duration udpFlowTimer) {

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
        if (flowTimer.toSeconds() < 1 || udpFlowTimer.toSeconds() < 1) {
            throw new IllegalArgumentException("a Flow-Timer is at least 1 s");
        }
    }

    /** Like the canonical constructor, with the default Flow-Timers ({@link Registrar#FLOW_TIMER}, {@link Registrar#UDP_FLOW_TIMER}). */
    public RegistrarPolicy(
            String domain,
            Set<String> aliases,
            Duration minExpires,
            Duration defaultExpires,
            Duration maxExpires,
            int maxContacts) {
        this(
                domain,
                aliases,
                minExpires,
                defaultExpires,
                maxExpires,
                maxContacts,
                Registrar.FLOW_TIMER,
                Registrar.UDP_FLOW_TIMER);
    }

    /** Min 60 s, default 3600 s, max 7200 s, 10 contacts per address-of-record, the default Flow-Timers. */
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
