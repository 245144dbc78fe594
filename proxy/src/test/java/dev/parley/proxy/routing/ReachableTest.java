package dev.parley.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.registrar.location.Binding;
import dev.parley.registrar.location.Flow;
import dev.parley.registrar.location.Outbound;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which bindings a request may go to: closed connections never, one flow per outbound device (RFC 5626 §7). */
class ReachableTest {
    private static final Instant T0 = Instant.parse("2026-11-25T06:00:00Z");

    private static Flow tcp(int port) {
        return new Flow("TCP", "192.0.2.7", port, "127.0.0.1", 5060);
    }

    /** A phone behind a NAT: its Contact names its private address, not where it connected from. */
    private static Binding binding(Flow flow, Optional<Outbound> outbound, Instant registered) {
        return binding(flow, outbound, registered, "sip:bob@10.0.0.7:5062;transport=" + flow.transport());
    }

    private static Binding binding(Flow flow, Optional<Outbound> outbound, Instant registered, String contact) {
        return new Binding(
                "sip:bob@localhost",
                outbound.map(Outbound::bindingKey).orElse(contact),
                contact,
                Optional.empty(),
                T0.plusSeconds(600),
                "call-" + flow.sourcePort(),
                1,
                flow,
                registered,
                Optional.empty(),
                outbound);
    }

    @Test
    void aClosedConnectionIsSkippedUnlessThePhoneListensWhereItConnectedFrom() {
        Binding udp = binding(new Flow("UDP", "192.0.2.7", 5062, "127.0.0.1", 5060), Optional.empty(), T0);
        Binding open = binding(tcp(40001), Optional.empty(), T0);
        Binding closed = binding(tcp(40002), Optional.empty(), T0);
        Set<Flow> openFlows = Set.of(tcp(40001));
        assertThat(Reachable.select(List.of(udp, open, closed), f -> !f.connectionOriented() || openFlows.contains(f)))
                .containsExactly(udp, open);
    }

    @Test
    void ofOneDevicesFlowsTheNewestOpenOneIsTaken() {
        Binding older = binding(tcp(40001), Optional.of(new Outbound("<urn:uuid:a>", 1)), T0);
        Binding newer = binding(tcp(40002), Optional.of(new Outbound("<urn:uuid:a>", 2)), T0.plusSeconds(5));
        Binding otherDevice = binding(tcp(40003), Optional.of(new Outbound("<urn:uuid:b>", 1)), T0);
        assertThat(Reachable.select(List.of(older, newer, otherDevice), f -> true))
                .containsExactlyInAnyOrder(newer, otherDevice);
        assertThat(Reachable.select(List.of(older, newer, otherDevice), f -> !f.equals(tcp(40002))))
                .containsExactlyInAnyOrder(older, otherDevice);
        assertThat(Reachable.select(List.of(older, newer), f -> false)).isEmpty();
    }

    @Test
    void aDevicesOtherOpenFlowsAreItsFallbacksNewestFirst() {
        Binding oldest = binding(tcp(40001), Optional.of(new Outbound("<urn:uuid:a>", 1)), T0);
        Binding closed = binding(tcp(40002), Optional.of(new Outbound("<urn:uuid:a>", 2)), T0.plusSeconds(3));
        Binding middle = binding(tcp(40003), Optional.of(new Outbound("<urn:uuid:a>", 3)), T0.plusSeconds(5));
        Binding newest = binding(tcp(40004), Optional.of(new Outbound("<urn:uuid:a>", 4)), T0.plusSeconds(9));
        Binding plain = binding(tcp(40005), Optional.empty(), T0);
        assertThat(Reachable.choose(List.of(oldest, newest, plain, closed, middle), f -> !f.equals(tcp(40002))))
                .containsExactly(
                        new Reachable.Choice(plain, List.of()), new Reachable.Choice(newest, List.of(middle, oldest)));
    }
}
