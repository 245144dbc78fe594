package dev.parley.registrar.location;

import dev.parley.registrar.location.RegisterDecision.Accepted;
import dev.parley.registrar.location.RegisterDecision.Rejected;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * REGISTER processing, RFC 3261 §10.3, as a pure function of the request, the authenticated
 * user, the address-of-record's current bindings and {@code now}. Steps 1 and 2 run before
 * authentication ({@link #precheck}), steps 4 to 8 after it ({@link #decide}).
 */
public final class Registrar {
    /**
     * The default Flow-Timer of a 200 to an outbound REGISTER over a connection (RFC 5626 §10.2):
     * how often, at most, the phone should send its CRLF keep-alive; §4.4.1 suggests 95-120 s.
     * {@link RegistrarPolicy#flowTimer()} is the one in use.
     */
    public static final Duration FLOW_TIMER = Duration.ofMinutes(2);

    /**
     * The default Flow-Timer over UDP, where the keep-alive is a STUN Binding request (§4.4.2):
     * under the 30 s a home NAT keeps an idle UDP binding. {@link RegistrarPolicy#udpFlowTimer()}
     * is the one in use.
     */
    public static final Duration UDP_FLOW_TIMER = Duration.ofSeconds(29);

    private final RegistrarPolicy policy;

    public Registrar(RegistrarPolicy policy) {
        this.policy = policy;
    }

    public RegistrarPolicy policy() {
        return policy;
    }

    /**
     * Steps 1 and 2: the Request-URI must name a domain we serve (we do not forward REGISTER),
     * and every Require option tag must be supported (420).
     */
    public Optional<Rejected> precheck(RegisterRequest request) {
        if (!policy.serves(request.requestUriHost())) {
            return Optional.of(Rejected.of(403, "Domain Not Served Here"));
        }
        if (!request.unsupportedRequire().isEmpty()) {
            return Optional.of(new Rejected(420, "Bad Extension", Optional.empty(), request.unsupportedRequire()));
        }
        return Optional.empty();
    }

    /** The canonical address-of-record of the request's To URI: {@code sip:user@domain}. */
    public String aorOf(RegisterRequest request) {
        return "sip:" + request.toUser() + "@" + policy.domain();
    }

    /**
     * Steps 4 to 8 for a request authenticated as {@code username}, given the AOR's stored
     * bindings (expired ones included; they are dropped here).
     */
    public RegisterDecision decide(RegisterRequest request, String username, List<Binding> stored, Instant now) {
        // Step 4: the user may only touch the bindings of their own address-of-record.
        if (!request.toUser().equals(username)) {
            return Rejected.of(403, "Not Your Address-of-Record");
        }
        // Step 5: the AOR must be valid for the domain of the Request-URI.
        boolean sipScheme =
                request.toScheme().equalsIgnoreCase("sip") || request.toScheme().equalsIgnoreCase("sips");
        if (!sipScheme || !policy.serves(request.toHost())) {
            return Rejected.of(404, "Not Found");
        }
        String aor = aorOf(request);
        Map<String, Binding> current = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        for (Binding b : stored) {
            if (b.isLive(now)) {
                current.put(b.contactKey(), b);
            } else {
                removed.add(b.contactKey());
            }
        }
        List<Binding> upserts = new ArrayList<>();
        boolean outbound = usesOutbound(request);
        if (outbound && request.contacts().size() > 1) {
            // RFC 5626 §6: one flow per REGISTER, so a reg-id allows no second Contact.
            return Rejected.of(400, "Only One Contact With reg-id");
        }
        if (current.values().stream().anyMatch(b -> repeated(b, request))) {
            // The REGISTER that set a binding, again: a retransmission (REGISTER is answered
            // without transaction state) or a replay. It changes nothing; the 200 lists the
            // bindings as they stand.
            return accepted(aor, current, upserts, removed, List.of(), outbound, request.flow());
        }
        if (request.wildcard()) {
            // Step 6: "*" only with Expires: 0 and no other contact.
            if (!request.expiresHeader().equals(Optional.of(0L))) {
                return Rejected.of(400, "Wildcard Contact Needs Expires 0");
            }
            for (Binding b : List.copyOf(current.values())) {
                if (outOfOrder(b, request)) {
                    return Rejected.of(500, "Out of Order CSeq");
                }
                current.remove(b.contactKey());
                removed.add(b.contactKey());
            }
            return accepted(aor, current, upserts, removed, List.of(), false, request.flow());
        }
        // Step 7: expiry for every contact first, so that a 423 changes nothing.
        Map<String, Long> expiries = new LinkedHashMap<>();
        List<RequestedContact> contacts = new ArrayList<>();
        for (RequestedContact c : request.contacts()) {
            // RFC 5626 §6: an outbound binding is keyed by instance and reg-id, not by its URI.
            contacts.add(
                    outbound && c.outbound().isPresent()
                            ? new RequestedContact(
                                    c.uri(), c.outbound().get().bindingKey(), c.expires(), c.q(), c.outbound())
                            : new RequestedContact(c.uri(), c.key(), c.expires(), c.q()));
        }
        for (RequestedContact c : contacts) {
            long seconds = c.expires()
                    .or(request::expiresHeader)
                    .orElse(policy.defaultExpires().toSeconds());
            if (seconds > 0 && seconds < policy.minExpires().toSeconds()) {
                return new Rejected(423, "Interval Too Brief", Optional.of(policy.minExpires()), List.of());
            }
            expiries.put(c.key(), Math.min(seconds, policy.maxExpires().toSeconds()));
        }
        for (RequestedContact c : contacts) {
            Binding existing = current.get(c.key());
            if (existing != null && outOfOrder(existing, request)) {
                return Rejected.of(500, "Out of Order CSeq");
            }
            long seconds = expiries.getOrDefault(c.key(), 0L);
            if (seconds == 0) {
                if (current.remove(c.key()) != null) {
                    removed.add(c.key());
                }
                continue;
            }
            Binding binding = new Binding(
                    aor,
                    c.key(),
                    c.uri(),
                    c.q(),
                    now.plus(Duration.ofSeconds(seconds)),
                    request.callId(),
                    request.cseq(),
                    request.flow(),
                    now,
                    request.userAgent(),
                    c.outbound());
            current.put(c.key(), binding);
            upserts.removeIf(u -> u.contactKey().equals(c.key()));
            upserts.add(binding);
            removed.remove(c.key());
        }
        if (current.size() > policy.maxContacts()) {
            return Rejected.of(403, "Too Many Contacts");
        }
        List<String> added = new ArrayList<>();
        for (Binding b : upserts) {
            if (stored.stream().noneMatch(s -> s.contactKey().equals(b.contactKey()) && s.isLive(now))) {
                added.add(b.contactKey());
            }
        }
        return accepted(aor, current, upserts, removed, added, outbound, request.flow());
    }

    /**
     * RFC 5626 §6: the registrar applies outbound when Supported names it and a Contact has both
     * +sip.instance and reg-id, over a connection or over UDP (whose STUN keep-alives the SIP
     * port answers).
     */
    private static boolean usesOutbound(RegisterRequest request) {
        return request.supportsOutbound()
                && request.contacts().stream().anyMatch(c -> c.outbound().isPresent());
    }

    /** The binding was set by this very request: same Call-ID and CSeq. */
    private static boolean repeated(Binding existing, RegisterRequest request) {
        return existing.callId().equals(request.callId()) && request.cseq() == existing.cseq();
    }

    /** Step 7: same Call-ID with a CSeq not higher than the stored one must not update. */
    private static boolean outOfOrder(Binding existing, RegisterRequest request) {
        return existing.callId().equals(request.callId()) && request.cseq() <= existing.cseq();
    }

    private Accepted accepted(
            String aor,
            Map<String, Binding> current,
            List<Binding> upserts,
            List<String> removed,
            List<String> added,
            boolean outbound,
            Flow flow) {
        List<Binding> listed = new ArrayList<>(current.values());
        listed.sort(Comparator.comparing((Binding b) -> b.q().orElse(1000)).reversed());
        return new Accepted(
                aor,
                listed,
                upserts,
                removed.stream().distinct().toList(),
                added,
                outbound
                        ? Optional.of(flow.connectionOriented() ? policy.flowTimer() : policy.udpFlowTimer())
                        : Optional.empty());
    }
}
