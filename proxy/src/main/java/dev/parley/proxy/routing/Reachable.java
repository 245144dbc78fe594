package dev.parley.proxy.routing;

import dev.parley.registrar.location.Binding;
import dev.parley.registrar.location.Flow;
import java.util.ArrayList;
import java.util.Comparator;
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
 * next; the device's other open flows are kept as fallbacks ({@link #choose}). Plain UDP bindings, and a TCP binding whose Contact names the address it connected from
 * (the phone listens there), are reachable as far as this server can tell.
 */
public final class Reachable {
    private Reachable() {}

    /**
     * A binding to send to, and the same device's other open flows, newest first: where the
     * request goes when sending on {@code binding} fails (RFC 5626 §5.3). Empty for a plain binding.
     */
    public record Choice(Binding binding, List<Binding> fallbacks) {
        public Choice {
            fallbacks = List.copyOf(fallbacks);
        }
    }

    public static List<Binding> select(List<Binding> bindings, Predicate<Flow> open) {
        return choose(bindings, open).stream().map(Choice::binding).toList();
    }

    /** Like {@link #select}, with each outbound device's other open flows as its fallbacks. */
    public static List<Choice> choose(List<Binding> bindings, Predicate<Flow> open) {
        List<Choice> out = new ArrayList<>();
        Map<String, List<Binding>> devices = new LinkedHashMap<>();
        for (Binding b : bindings) {
            if (b.connectionBound() && !open.test(b.flow())) {
                continue;
            }
            if (b.outbound().isEmpty()) {
                out.add(new Choice(b, List.of()));
            } else {
                devices.computeIfAbsent(b.outbound().get().instance(), k -> new ArrayList<>())
                        .add(b);
            }
        }
        for (List<Binding> flows : devices.values()) {
            // Newest first; a stable sort keeps the first seen of equally new ones first.
            flows.sort(Comparator.comparing(Binding::updatedAt).reversed());
            out.add(new Choice(flows.get(0), flows.subList(1, flows.size())));
        }
        return out;
    }
}
