package dev.parley.proxy.routing;

import dev.parley.registrar.location.Binding;
import dev.parley.registrar.location.Flow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The bindings a request can still be sent to. A binding that depends on the connection it was
 * registered over ({@link Binding#connectionBound()}) is reachable only while that connection is
 * open ({@code open}); of the SIP Outbound flows of one device
 * (same {@code +sip.instance}, RFC 5626 §7) only the most recently registered open one is taken,
 * because a request goes to one flow of a device at a time, and a closed flow falls back to the
 * next. Plain UDP bindings, and a TCP binding whose Contact names the address it connected from
 * (the phone listens there), are reachable as far as this server can tell.
 */
public final class Reachable {
    private Reachable() {}

    public static List<Binding> select(List<Binding> bindings, Predicate<Flow> open) {
        List<Binding> out = new ArrayList<>();
        Map<String, Binding> newestFlow = new LinkedHashMap<>();
        for (Binding b : bindings) {
            if (b.connectionBound() && !open.test(b.flow())) {
                continue;
            }
            if (b.outbound().isEmpty()) {
                out.add(b);
            } else {
                newestFlow.merge(
                        b.outbound().get().instance(),
                        b,
                        (kept, next) -> next.updatedAt().isBefore(kept.updatedAt()) ? kept : next);
            }
        }
        out.addAll(newestFlow.values());
        return out;
    }
}
