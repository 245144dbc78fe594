package dev.parley.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.registrar.location.Binding;
import dev.parley.registrar.location.Flow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 3261 §16.5: the target set of a user is its live contacts, highest q first, each over its flow. */
class TargetSetTest {
    private static final Instant NOW = Instant.parse("2026-11-25T06:00:00Z");

    static Binding binding(String contact, Optional<Integer> q, Instant expires, int sourcePort) {
        return new Binding(
                "sip:bob@localhost",
                contact,
                contact,
                q,
                expires,
                "call-" + contact,
                1,
                new Flow("UDP", "192.0.2.7", sourcePort, "127.0.0.1", 5060),
                NOW,
                Optional.empty());
    }

    @Test
    void liveContactsByQWithTheirFlows() {
        List<Target> targets = TargetSet.of(
                List.of(
                        binding("sip:bob@10.0.0.1:5072", Optional.of(500), NOW.plusSeconds(60), 40000),
                        binding("sip:bob@10.0.0.2:5072", Optional.empty(), NOW.plusSeconds(60), 40001),
                        binding("sip:bob@10.0.0.3:5072", Optional.of(900), NOW.minusSeconds(1), 40002)),
                NOW);
        assertThat(targets)
                .containsExactly(
                        new Target("sip:bob@10.0.0.2:5072", Optional.of(new NextHop("192.0.2.7", 40001, "udp"))),
                        new Target("sip:bob@10.0.0.1:5072", Optional.of(new NextHop("192.0.2.7", 40000, "UDP"))));
    }

    @Test
    void contactsOfEqualQAreOneGroupAndAHigherQComesFirst() {
        List<List<Target>> groups = TargetSet.byQ(
                List.of(
                        binding("sip:bob@10.0.0.1:5072", Optional.of(500), NOW.plusSeconds(60), 40000),
                        binding("sip:bob@10.0.0.2:5072", Optional.empty(), NOW.plusSeconds(60), 40001),
                        binding("sip:bob@10.0.0.3:5072", Optional.of(1000), NOW.plusSeconds(60), 40002),
                        binding("sip:bob@10.0.0.4:5072", Optional.of(500), NOW.plusSeconds(60), 40003)),
                NOW);
        assertThat(groups)
                .extracting(g -> g.stream().map(Target::uri).toList())
                .containsExactly(
                        List.of("sip:bob@10.0.0.2:5072", "sip:bob@10.0.0.3:5072"),
                        List.of("sip:bob@10.0.0.1:5072", "sip:bob@10.0.0.4:5072"));
    }

    @Test
    void noLiveContactIsAnEmptySet() {
        assertThat(TargetSet.of(List.of(binding("sip:bob@10.0.0.1", Optional.empty(), NOW, 5060)), NOW))
                .isEmpty();
    }
}
