package dev.parley.registrar.testing;

import dev.parley.registrar.location.Flow;

/** Flows used across the registrar's tests. */
public final class TestFlows {
    private TestFlows() {}

    public static Flow udp(String host, int port) {
        return new Flow("UDP", host, port, "127.0.0.1", 5060);
    }
}
