package dev.parley.proxy.routing;

import dev.parley.registrar.location.Binding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The target set of a request for a user of this domain (RFC 3261 §16.5): every live contact
 * of the address-of-record, highest q first (all are tried in parallel, §16.6), each once, each
 * sent over the flow its REGISTER came on.
 */
public final class TargetSet {
    private TargetSet() {}

    public static List<Target> of(List<Binding> bindings, Instant now) {
        List<Binding> live = new ArrayList<>();
        for (Binding b : bindings) {
            if (b.isLive(now)) {
                live.add(b);
            }
        }
        live.sort(Comparator.comparing((Binding b) -> b.q().orElse(1000)).reversed());
        Map<String, Target> byKey = new LinkedHashMap<>();
        for (Binding b : live) {
            byKey.putIfAbsent(
                    b.contactKey(),
                    new Target(
                            b.contactUri(),
                            Optional.of(new NextHop(
                                    b.flow().sourceHost(),
                                    b.flow().sourcePort(),
                                    b.flow().transport()))));
        }
        return List.copyOf(byKey.values());
    }
}
