package dev.parley.proxy.sip;

import dev.parley.proxy.metrics.Metrics;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * jain-sip makes its plug-ins (the parser factory) by class name with no arguments; this is how
 * such a plug-in finds the {@link Metrics} of the stack that made it: by the stack's unique
 * name, registered while the stack is running and removed when it stops.
 */
final class StackHooks {
    private static final Map<String, Metrics> BY_STACK = new ConcurrentHashMap<>();

    private StackHooks() {}

    static void register(String stackName, Metrics metrics) {
        BY_STACK.put(stackName, metrics);
    }

    static void unregister(String stackName) {
        BY_STACK.remove(stackName);
    }

    static Optional<Metrics> metrics(String stackName) {
        return Optional.ofNullable(BY_STACK.get(stackName));
    }
}
