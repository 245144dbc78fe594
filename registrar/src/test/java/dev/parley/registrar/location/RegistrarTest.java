package dev.parley.registrar.location;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.registrar.location.RegisterDecision.Accepted;
import dev.parley.registrar.location.RegisterDecision.Rejected;
import dev.parley.registrar.testing.TestFlows;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 3261 §10.3 step by step, with a fake clock and an in-memory list as the store. */
class RegistrarTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Registrar registrar = new Registrar(RegistrarPolicy.forDomain("localhost", Set.of("127.0.0.1")));
    private final List<Binding> store = new ArrayList<>();

    private static RequestedContact contact(String host, Optional<Long> expires, Optional<Integer> q) {
        return new RequestedContact("sip:alice@" + host, ContactKey.of("sip", "alice", host, 0, Map.of()), expires, q);
    }

    private static RegisterRequest request(
            String callId, long cseq, List<RequestedContact> contacts, Optional<Long> expires) {
        return new RegisterRequest(
                "localhost",
                "sip",
                "alice",
                "localhost",
                callId,
                cseq,
                false,
                contacts,
                expires,
                List.of(),
                TestFlows.udp("192.0.2.1", 5062),
                Optional.of("test"));
    }

    /** Runs decide and applies an acceptance to the in-memory store, as the JDBC store does. */
    private RegisterDecision register(RegisterRequest request, Instant now) {
        RegisterDecision decision = registrar.decide(request, "alice", List.copyOf(store), now);
        if (decision instanceof Accepted a) {
            store.removeIf(b -> a.removedKeys().contains(b.contactKey()));
            for (Binding u : a.upserts()) {
                store.removeIf(b -> b.contactKey().equals(u.contactKey()));
                store.add(u);
            }
        }
        return decision;
    }

    @Test
    void registersListsAndExpiresOnTime() {
        Accepted ok = (Accepted) register(
                request("c1", 1, List.of(contact("192.0.2.1", Optional.empty(), Optional.empty())), Optional.of(120L)),
                T0);
        assertThat(ok.aor()).isEqualTo("sip:alice@localhost");
        assertThat(ok.bindings())
                .singleElement()
                .satisfies(b -> assertThat(b.remainingSeconds(T0)).isEqualTo(120));
        Accepted query = (Accepted) register(request("c2", 1, List.of(), Optional.empty()), T0.plusSeconds(100));
        assertThat(query.bindings())
                .singleElement()
                .satisfies(
                        b -> assertThat(b.remainingSeconds(T0.plusSeconds(100))).isEqualTo(20));
        Accepted later = (Accepted) register(request("c2", 2, List.of(), Optional.empty()), T0.plusSeconds(121));
        assertThat(later.bindings()).isEmpty();
        assertThat(later.removedKeys()).hasSize(1);
    }

    @Test
    void contactExpiresBeatsTheHeaderAndIsCappedAtTheMaximum() {
        Accepted ok = (Accepted) register(
                request(
                        "c1",
                        1,
                        List.of(
                                contact("a", Optional.of(300L), Optional.empty()),
                                contact("b", Optional.empty(), Optional.empty())),
                        Optional.of(99_999L)),
                T0);
        assertThat(ok.bindings()).extracting(b -> b.remainingSeconds(T0)).containsExactlyInAnyOrder(300L, 7200L);
    }

    @Test
    void tooBriefIs423WithMinExpiresAndChangesNothing() {
        RegisterDecision d = register(
                request(
                        "c1",
                        1,
                        List.of(
                                contact("a", Optional.of(3600L), Optional.empty()),
                                contact("b", Optional.of(10L), Optional.empty())),
                        Optional.empty()),
                T0);
        assertThat(d)
                .isEqualTo(new Rejected(423, "Interval Too Brief", Optional.of(Duration.ofSeconds(60)), List.of()));
        assertThat(store).isEmpty();
    }

    @Test
    void qValuesOrderTheListing() {
        Accepted ok = (Accepted) register(
                request(
                        "c1",
                        1,
                        List.of(
                                contact("low", Optional.empty(), Optional.of(100)),
                                contact("high", Optional.empty(), Optional.of(900))),
                        Optional.empty()),
                T0);
        assertThat(ok.bindings()).extracting(Binding::contactUri).containsExactly("sip:alice@high", "sip:alice@low");
    }

    @Test
    void refreshRemovalAndCallIdCseqOrdering() {
        RequestedContact a = contact("a", Optional.empty(), Optional.empty());
        Accepted first = (Accepted) register(request("c1", 5, List.of(a), Optional.of(600L)), T0);
        assertThat(first.addedKeys()).containsExactly(a.key());
        assertThat(first.changesContacts()).isTrue();
        assertThat(register(request("c1", 4, List.of(a), Optional.of(600L)), T0.plusSeconds(1)))
                .isEqualTo(Rejected.of(500, "Out of Order CSeq"));
        // The same Call-ID and CSeq again is the same REGISTER retransmitted: answered with the
        // binding as it stands, not refreshed.
        Accepted repeated = (Accepted) register(request("c1", 5, List.of(a), Optional.of(900L)), T0.plusSeconds(2));
        assertThat(repeated.bindings())
                .singleElement()
                .satisfies(
                        b -> assertThat(b.remainingSeconds(T0.plusSeconds(2))).isEqualTo(598));
        // A replay of it with another Contact changes nothing either.
        RequestedContact other = contact("other", Optional.empty(), Optional.empty());
        Accepted replayed = (Accepted) register(request("c1", 5, List.of(other), Optional.of(600L)), T0.plusSeconds(3));
        assertThat(replayed.bindings()).extracting(Binding::contactUri).containsExactly("sip:alice@a");
        Accepted refreshed = (Accepted) register(request("c1", 6, List.of(a), Optional.of(900L)), T0.plusSeconds(10));
        assertThat(refreshed.bindings())
                .singleElement()
                .satisfies(
                        b -> assertThat(b.remainingSeconds(T0.plusSeconds(10))).isEqualTo(900));
        assertThat(refreshed.changesContacts())
                .as("a refresh only moves the expiry")
                .isFalse();
        Accepted otherCallId = (Accepted) register(request("c9", 1, List.of(a), Optional.of(0L)), T0.plusSeconds(20));
        assertThat(otherCallId.bindings()).isEmpty();
        assertThat(otherCallId.removedKeys()).containsExactly(a.key());
        assertThat(otherCallId.changesContacts()).isTrue();
        assertThat(store).isEmpty();
    }

    @Test
    void wildcardNeedsExpiresZeroAndRemovesEverything() {
        register(
                request(
                        "c1",
                        1,
                        List.of(
                                contact("a", Optional.empty(), Optional.empty()),
                                contact("b", Optional.empty(), Optional.empty())),
                        Optional.empty()),
                T0);
        RegisterRequest star = new RegisterRequest(
                "localhost",
                "sip",
                "alice",
                "localhost",
                "c2",
                1,
                true,
                List.of(),
                Optional.of(0L),
                List.of(),
                TestFlows.udp("192.0.2.1", 5062),
                Optional.empty());
        RegisterRequest starNoExpires = new RegisterRequest(
                "localhost",
                "sip",
                "alice",
                "localhost",
                "c2",
                1,
                true,
                List.of(),
                Optional.empty(),
                List.of(),
                TestFlows.udp("192.0.2.1", 5062),
                Optional.empty());
        assertThat(register(starNoExpires, T0)).isEqualTo(Rejected.of(400, "Wildcard Contact Needs Expires 0"));
        assertThat(store).hasSize(2);
        assertThat(((Accepted) register(star, T0)).bindings()).isEmpty();
        assertThat(store).isEmpty();
    }

    @Test
    void ownershipDomainsAndRequire() {
        RegisterRequest bobs = new RegisterRequest(
                "localhost",
                "sip",
                "bob",
                "localhost",
                "c1",
                1,
                false,
                List.of(),
                Optional.empty(),
                List.of(),
                TestFlows.udp("192.0.2.1", 5062),
                Optional.empty());
        assertThat(registrar.decide(bobs, "alice", List.of(), T0))
                .isEqualTo(Rejected.of(403, "Not Your Address-of-Record"));
        RegisterRequest foreignTo = new RegisterRequest(
                "localhost",
                "sip",
                "alice",
                "example.com",
                "c1",
                1,
                false,
                List.of(),
                Optional.empty(),
                List.of(),
                TestFlows.udp("192.0.2.1", 5062),
                Optional.empty());
        assertThat(registrar.decide(foreignTo, "alice", List.of(), T0)).isEqualTo(Rejected.of(404, "Not Found"));
        RegisterRequest foreignRuri = new RegisterRequest(
                "example.com",
                "sip",
                "alice",
                "localhost",
                "c1",
                1,
                false,
                List.of(),
                Optional.empty(),
                List.of(),
                TestFlows.udp("192.0.2.1", 5062),
                Optional.empty());
        assertThat(registrar.precheck(foreignRuri)).contains(Rejected.of(403, "Domain Not Served Here"));
        RegisterRequest alias = new RegisterRequest(
                "127.0.0.1",
                "sip",
                "alice",
                "127.0.0.1",
                "c1",
                1,
                false,
                List.of(),
                Optional.empty(),
                List.of("gruu"),
                TestFlows.udp("192.0.2.1", 5062),
                Optional.empty());
        assertThat(registrar.precheck(alias))
                .contains(new Rejected(420, "Bad Extension", Optional.empty(), List.of("gruu")));
        assertThat(registrar.aorOf(alias)).isEqualTo("sip:alice@localhost");
    }

    @Test
    void contactKeysFollowUriComparison() {
        assertThat(ContactKey.of("SIP", "alice", "Example.COM", 0, Map.of("Transport", "TCP", "foo", "bar")))
                .isEqualTo(ContactKey.of("sip", "alice", "example.com", 5060, Map.of("transport", "tcp")));
        assertThat(ContactKey.of("sip", "Alice", "example.com", 0, Map.of()))
                .isNotEqualTo(ContactKey.of("sip", "alice", "example.com", 0, Map.of()));
    }

    @Test
    void tooManyContactsIsRefused() {
        List<RequestedContact> many = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            many.add(contact("h" + i, Optional.empty(), Optional.empty()));
        }
        assertThat(register(request("c1", 1, many, Optional.empty()), T0))
                .isEqualTo(Rejected.of(403, "Too Many Contacts"));
    }

    private static final String INSTANCE = "<urn:uuid:00000000-0000-1000-8000-000a95a0e128>";

    /** A REGISTER over TCP from {@code port} with one outbound contact (RFC 5626 §4.2). */
    private static RegisterRequest outboundRequest(
            String callId, long cseq, int port, int regId, boolean supported, Flow flow) {
        String uri = "sip:alice@192.0.2.1:" + port + ";transport=tcp;ob";
        return new RegisterRequest(
                "localhost",
                "sip",
                "alice",
                "localhost",
                callId,
                cseq,
                false,
                List.of(new RequestedContact(
                        uri,
                        ContactKey.of("sip", "alice", "192.0.2.1", port, Map.of("transport", "tcp")),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(new Outbound(INSTANCE, regId)))),
                Optional.of(600L),
                List.of(),
                flow,
                Optional.empty(),
                supported);
    }

    private static Flow tcp(int port) {
        return new Flow("TCP", "192.0.2.1", port, "127.0.0.1", 5060);
    }

    @Test
    void outboundBindingsAreKeyedByInstanceAndRegIdAndSayFlowTimer() {
        Accepted first = (Accepted) register(outboundRequest("c1", 1, 40001, 1, true, tcp(40001)), T0);
        assertThat(first.flowTimer()).contains(Registrar.FLOW_TIMER);
        assertThat(first.bindings()).singleElement().satisfies(b -> {
            assertThat(b.contactKey()).isEqualTo("instance:" + INSTANCE + ";reg-id=1");
            assertThat(b.outbound()).contains(new Outbound(INSTANCE, 1));
        });
        // A second flow (reg-id 2) is a second binding of the same instance.
        Accepted second = (Accepted) register(outboundRequest("c2", 1, 40002, 2, true, tcp(40002)), T0);
        assertThat(second.bindings()).hasSize(2);
        // Flow 1 comes back over a new connection with a new Contact: it replaces the binding of reg-id 1.
        Accepted again = (Accepted) register(outboundRequest("c3", 1, 40003, 1, true, tcp(40003)), T0.plusSeconds(5));
        assertThat(again.bindings()).extracting(b -> b.flow().sourcePort()).containsExactlyInAnyOrder(40003, 40002);
        assertThat(store).hasSize(2);
    }

    @Test
    void theFlowTimersAreThePolicys() {
        Registrar custom = new Registrar(new RegistrarPolicy(
                "localhost",
                Set.of(),
                Duration.ofSeconds(60),
                Duration.ofHours(1),
                Duration.ofHours(2),
                10,
                Duration.ofMinutes(5),
                Duration.ofSeconds(15)));
        Accepted tcp =
                (Accepted) custom.decide(outboundRequest("c1", 1, 40001, 1, true, tcp(40001)), "alice", List.of(), T0);
        assertThat(tcp.flowTimer()).contains(Duration.ofMinutes(5));
        Accepted udp = (Accepted) custom.decide(
                outboundRequest("c2", 1, 40002, 1, true, TestFlows.udp("192.0.2.1", 40002)), "alice", List.of(), T0);
        assertThat(udp.flowTimer()).contains(Duration.ofSeconds(15));
    }

    @Test
    void withoutSupportedOutboundTheRegIdIsIgnored() {
        Accepted plain = (Accepted) register(outboundRequest("c1", 1, 40001, 1, false, tcp(40001)), T0);
        assertThat(plain.flowTimer()).isEmpty();
        assertThat(plain.bindings())
                .singleElement()
                .satisfies(b -> assertThat(b.outbound()).isEmpty());
    }

    @Test
    void overUdpTheFlowTimerIsUnderANatsIdleTimeout() {
        Accepted udp =
                (Accepted) register(outboundRequest("c2", 1, 40002, 1, true, TestFlows.udp("192.0.2.1", 40002)), T0);
        assertThat(udp.flowTimer()).contains(Registrar.UDP_FLOW_TIMER);
        assertThat(udp.bindings())
                .singleElement()
                .satisfies(b -> assertThat(b.outbound()).isPresent());
    }

    @Test
    void aRegIdWithASecondContactIs400() {
        RegisterRequest one = outboundRequest("c1", 1, 40001, 1, true, tcp(40001));
        RegisterRequest two = new RegisterRequest(
                "localhost",
                "sip",
                "alice",
                "localhost",
                "c1",
                1,
                false,
                List.of(one.contacts().get(0), contact("192.0.2.9", Optional.empty(), Optional.empty())),
                Optional.of(600L),
                List.of(),
                tcp(40001),
                Optional.empty(),
                true);
        assertThat(register(two, T0)).isEqualTo(Rejected.of(400, "Only One Contact With reg-id"));
        assertThat(store).isEmpty();
    }
}
