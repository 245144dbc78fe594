package dev.parley.proxy.sip;

import dev.parley.proxy.metrics.Metrics;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * jain-sip makes its plug-ins (the parser factory, the message processor factory) by class name
 * with no arguments; this is how such a plug-in finds the {@link Metrics} and the {@link
 * FlowTracker} of the stack that made it: by the stack's unique name, registered while the stack
 * is running and removed when it stops.
 */
final class StackHooks {
    private static final Map<String, Metrics> BY_STACK = new ConcurrentHashMap<>();
    private static final Map<String, FlowTracker> FLOWS = new ConcurrentHashMap<>();

    private StackHooks() {}

    static void register(String stackName, Metrics metrics, FlowTracker flows) {
        BY_STACK.put(stackName, metrics);
        FLOWS.put(stackName, flows);
    }

    static void unregister(String stackName) {
        BY_STACK.remove(stackName);
        FLOWS.remove(stackName);
    }

    static Optional<FlowTracker> flows(String stackName) {
        return Optional.ofNullable(FLOWS.get(stackName));
    }

    static Optional<Metrics> metrics(String stackName) {
        return Optional.ofNullable(BY_STACK.get(stackName));
    }
}
