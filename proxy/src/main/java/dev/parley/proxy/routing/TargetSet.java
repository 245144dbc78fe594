package dev.parley.proxy.routing;

import dev.parley.registrar.location.Binding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The target set of a request for a user of this domain (RFC 3261 §16.5): every live contact
 * of the address-of-record, each once, each sent over the flow its REGISTER came on. Contacts
 * of equal q ring in parallel and a higher q before a lower one (§16.6, serial forking as
 * Kamailio's {@code t_load_contacts}); a contact registered without q counts as q=1.0, so
 * contacts that all left it out are one group.
 */
public final class TargetSet {
    /** The q of a contact registered without one, in thousandths. */
    private static final int DEFAULT_Q = 1000;

    private TargetSet() {}

    /** Every live contact, highest q first. */
    public static List<Target> of(List<Binding> bindings, Instant now) {
        return byQ(bindings, now).stream().flatMap(List::stream).toList();
    }

    /** The live contacts in groups of equal q, the highest q first; empty when none is live. */
    public static List<List<Target>> byQ(List<Binding> bindings, Instant now) {
        return grouped(
                bindings.stream().map(b -> new Reachable.Choice(b, List.of())).toList(), now);
    }

    /** Like {@link #byQ}, each target carrying its choice's live fallbacks (RFC 5626 §5.3). */
    public static List<List<Target>> grouped(List<Reachable.Choice> choices, Instant now) {
        List<Reachable.Choice> live = new ArrayList<>();
        for (Reachable.Choice c : choices) {
            if (c.binding().isLive(now)) {
                live.add(c);
            }
        }
        live.sort(Comparator.comparing((Reachable.Choice c) -> c.binding().q().orElse(DEFAULT_Q))
                .reversed());
        List<List<Target>> groups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int groupQ = -1;
        for (Reachable.Choice c : live) {
            Binding b = c.binding();
            if (!seen.add(b.contactKey())) {
                continue;
            }
            int q = b.q().orElse(DEFAULT_Q);
            if (groups.isEmpty() || q != groupQ) {
                groups.add(new ArrayList<>());
                groupQ = q;
            }
            List<Target> fallbacks = c.fallbacks().stream()
                    .filter(f -> f.isLive(now))
                    .map(f -> target(f, List.of()))
                    .toList();
            groups.get(groups.size() - 1).add(target(b, fallbacks));
        }
        return groups.stream().map(List::copyOf).toList();
    }

    private static Target target(Binding b, List<Target> fallbacks) {
        return new Target(
                b.contactUri(),
                Optional.of(new NextHop(
                        b.flow().sourceHost(), b.flow().sourcePort(), b.flow().transport())),
                fallbacks);
    }
}
