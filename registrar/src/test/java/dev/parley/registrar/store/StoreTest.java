package dev.parley.registrar.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.registrar.digest.Ha1Pair;
import dev.parley.registrar.location.Binding;
import dev.parley.registrar.location.ContactKey;
import dev.parley.registrar.location.Flow;
import dev.parley.registrar.location.Outbound;
import dev.parley.registrar.location.RegisterDecision;
import dev.parley.registrar.location.RegisterRequest;
import dev.parley.registrar.location.Registrar;
import dev.parley.registrar.location.RegistrarPolicy;
import dev.parley.registrar.location.RequestedContact;
import dev.parley.registrar.testing.TestFlows;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JDBC store against a real embedded H2 file. */
class StoreTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Registrar registrar = new Registrar(RegistrarPolicy.forDomain("localhost", Set.of()));

    @TempDir
    Path data;

    private static RegisterRequest register(String host, long cseq, Optional<Long> expires) {
        return register("alice", host, cseq, expires);
    }

    private static RegisterRequest register(String user, String host, long cseq, Optional<Long> expires) {
        RequestedContact c = new RequestedContact(
                "sip:" + user + "@" + host + ";transport=tcp",
                ContactKey.of("sip", user, host, 0, Map.of("transport", "tcp")),
                Optional.empty(),
                Optional.of(500));
        return new RegisterRequest(
                "localhost",
                "sip",
                user,
                "localhost",
                "call-1",
                cseq,
                false,
                List.of(c),
                expires,
                List.of(),
                TestFlows.udp("192.0.2.1", 5062),
                Optional.of("phone/1.0"));
    }

    private RegisterDecision apply(BindingStore store, RegisterRequest request, Instant now) throws StoreException {
        try {
            return store.updateAsync(
                            registrar.aorOf(request), stored -> registrar.decide(request, "alice", stored, now))
                    .join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof StoreException s) {
                throw s;
            }
            throw e;
        }
    }

    @Test
    void accountsKeepOnlyHashes() throws Exception {
        try (Database db = Database.open(Database.embeddedUrl(data), 2)) {
            AccountStore accounts = new AccountStore(db);
            Account alice = new Account("alice", "localhost", Ha1Pair.of("alice", "localhost", "pw1"), T0);
            assertThat(accounts.add(alice)).isTrue();
            assertThat(accounts.add(alice)).isFalse();
            assertThat(accounts.find("alice")).contains(alice);
            assertThat(accounts.changePassword("alice", "localhost", Ha1Pair.of("alice", "localhost", "pw2")))
                    .isTrue();
            assertThat(accounts.find("alice").orElseThrow().ha1()).isEqualTo(Ha1Pair.of("alice", "localhost", "pw2"));
            assertThat(accounts.changePassword("nobody", "localhost", alice.ha1()))
                    .isFalse();
            assertThat(accounts.list()).extracting(Account::username).containsExactly("alice");
            assertThat(accounts.remove("alice", "sip:alice@localhost")).isTrue();
            assertThat(accounts.find("alice")).isEmpty();
        }
    }

    @Test
    void bindingsSurviveReopenWithTheirFlowAndExpiry() throws Exception {
        try (Database db = Database.open(Database.embeddedUrl(data), 2)) {
            assertThat(apply(new BindingStore(db), register("192.0.2.1", 1, Optional.of(600L)), T0))
                    .isInstanceOf(RegisterDecision.Accepted.class);
        }
        try (Database db = Database.open(Database.embeddedUrl(data), 2)) {
            BindingStore store = new BindingStore(db);
            List<Binding> found = store.lookup("sip:alice@localhost", T0.plusSeconds(100));
            assertThat(found).singleElement().satisfies(b -> {
                assertThat(b.contactUri()).isEqualTo("sip:alice@192.0.2.1;transport=tcp");
                assertThat(b.remainingSeconds(T0.plusSeconds(100))).isEqualTo(500);
                assertThat(b.q()).contains(500);
                assertThat(b.flow()).isEqualTo(TestFlows.udp("192.0.2.1", 5062));
                assertThat(b.userAgent()).contains("phone/1.0");
            });
            assertThat(store.countLive(T0.plusSeconds(100))).isEqualTo(1);
            assertThat(store.countLive(T0.plusSeconds(601))).isZero();
            assertThat(store.purgeExpired(T0.plusSeconds(601))).isEqualTo(1);
        }
    }

    @Test
    void aClosedConnectionTakesItsPlainBindingsButKeepsOutboundOnes() throws Exception {
        Flow closed = new Flow("TCP", "192.0.2.1", 40001, "127.0.0.1", 5060);
        // Behind a NAT: the Contact names the phone's private address, not where it connected from.
        RequestedContact plain = new RequestedContact(
                "sip:alice@10.0.0.5:5062;transport=tcp",
                ContactKey.of("sip", "alice", "10.0.0.5", 5062, Map.of("transport", "tcp")),
                Optional.empty(),
                Optional.empty());
        // A phone that connects from the port it listens on: not bound to the connection.
        RequestedContact listening = new RequestedContact(
                "sip:bob@192.0.2.1:40001;transport=tcp",
                ContactKey.of("sip", "bob", "192.0.2.1", 40001, Map.of("transport", "tcp")),
                Optional.empty(),
                Optional.empty());
        RequestedContact outbound = new RequestedContact(
                "sip:alice@192.0.2.1:40001;transport=tcp;ob",
                "ignored",
                Optional.empty(),
                Optional.empty(),
                Optional.of(new Outbound("<urn:uuid:1>", 1)));
        try (Database db = Database.open(Database.embeddedUrl(data), 2)) {
            BindingStore store = new BindingStore(db);
            apply(store, over(closed, "call-1", plain, false), T0);
            apply(store, over(closed, "call-2", outbound, true), T0);
            apply(store, over(new Flow("TCP", "192.0.2.1", 40002, "127.0.0.1", 5060), "call-3", plain, false), T0);
            assertThat(store.lookup("sip:alice@localhost", T0)).hasSize(2);
            // The plain binding of port 40001 was replaced by 40002's (same contact); closing 40001 leaves both.
            assertThat(store.removeFlow(closed)).isEqualTo(new BindingStore.FlowRemoval(0, 1));
            apply(store, over(closed, "call-4", plain, false), T0.plusSeconds(1));
            apply(store, over(closed, "call-5", listening, false), T0.plusSeconds(1));
            assertThat(store.removeFlow(closed)).isEqualTo(new BindingStore.FlowRemoval(1, 1));
            assertThat(store.lookup("sip:alice@localhost", T0.plusSeconds(1)))
                    .extracting(Binding::contactUri)
                    .containsExactlyInAnyOrder(
                            "sip:alice@192.0.2.1:40001;transport=tcp;ob", "sip:bob@192.0.2.1:40001;transport=tcp");
        }
    }

    private static RegisterRequest over(Flow flow, String callId, RequestedContact c, boolean outbound) {
        return new RegisterRequest(
                "localhost",
                "sip",
                "alice",
                "localhost",
                callId,
                1,
                false,
                List.of(c),
                Optional.of(600L),
                List.of(),
                flow,
                Optional.empty(),
                outbound);
    }

    @Test
    void refreshReplacesAndRejectionWritesNothing() throws Exception {
        try (Database db = Database.open(Database.embeddedUrl(data), 2)) {
            BindingStore store = new BindingStore(db);
            apply(store, register("192.0.2.1", 1, Optional.of(600L)), T0);
            apply(store, register("192.0.2.1", 2, Optional.of(3600L)), T0.plusSeconds(10));
            assertThat(store.lookup("sip:alice@localhost", T0.plusSeconds(10)))
                    .singleElement()
                    .satisfies(b -> assertThat(b.cseq()).isEqualTo(2));
            assertThat(apply(store, register("192.0.2.1", 3, Optional.of(5L)), T0.plusSeconds(20)))
                    .isInstanceOf(RegisterDecision.Rejected.class);
            assertThat(store.lookup("sip:alice@localhost", T0.plusSeconds(20)))
                    .singleElement()
                    .satisfies(b -> assertThat(b.cseq()).isEqualTo(2));
        }
        try (Database db = Database.open(Database.embeddedUrl(data), 2)) {
            assertThat(new BindingStore(db).lookup("sip:alice@localhost", T0.plusSeconds(20)))
                    .as("the refresh is on disk, not only in memory")
                    .singleElement()
                    .satisfies(b -> {
                        assertThat(b.cseq()).isEqualTo(2);
                        assertThat(b.expiresAt()).isEqualTo(T0.plusSeconds(10 + 3600));
                    });
        }
    }

    @Test
    void aWriteThatFailsChangesNeitherTheDatabaseNorWhatLookupsSee() throws Exception {
        String tooLong = "h".repeat(1100) + ".example"; // the contact key column holds 1024
        try (Database db = Database.open(Database.embeddedUrl(data), 2)) {
            BindingStore store = new BindingStore(db);
            apply(store, register("192.0.2.1", 1, Optional.of(600L)), T0);
            assertThatThrownBy(() -> apply(store, register(tooLong, 2, Optional.of(600L)), T0.plusSeconds(1)))
                    .isInstanceOf(StoreException.class);
            assertThat(store.lookup("sip:alice@localhost", T0.plusSeconds(1)))
                    .singleElement()
                    .satisfies(b -> assertThat(b.cseq()).isEqualTo(1));
            // the next REGISTER is decided over what was committed, not over the failed one
            apply(store, register("192.0.2.1", 3, Optional.of(0L)), T0.plusSeconds(2));
            assertThat(store.lookup("sip:alice@localhost", T0.plusSeconds(2))).isEmpty();
            apply(store, register("192.0.2.9", 4, Optional.of(600L)), T0.plusSeconds(3));
        }
        try (Database db = Database.open(Database.embeddedUrl(data), 2)) {
            assertThat(new BindingStore(db).lookup("sip:alice@localhost", T0.plusSeconds(3)))
                    .singleElement()
                    .satisfies(b -> assertThat(b.contactUri()).isEqualTo("sip:alice@192.0.2.9;transport=tcp"));
        }
    }

    @Test
    void aFailedBatchLeavesNoTraceInMemoryAndItsGoodWorkCommitsAlone() throws Exception {
        RegisterRequest bob = register("bob", "192.0.2.2", 1, Optional.of(600L));
        RegisterRequest bad = register("h".repeat(1100) + ".example", 1, Optional.of(600L));
        try (Database db = Database.open(Database.embeddedUrl(data), 2)) {
            BindingStore store = new BindingStore(db);
            // The writer waits in a first unit, so bob's and the bad REGISTER share the next batch.
            CountDownLatch hold = new CountDownLatch(1);
            CompletableFuture<Boolean> busy = db.groupTransactionAsync(c -> {
                try {
                    return hold.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            CompletableFuture<RegisterDecision> good =
                    store.updateAsync("sip:bob@localhost", stored -> registrar.decide(bob, "bob", stored, T0));
            CompletableFuture<RegisterDecision> failed =
                    store.updateAsync("sip:alice@localhost", stored -> registrar.decide(bad, "alice", stored, T0));
            hold.countDown();
            assertThat(busy.join()).isTrue();
            assertThat(good.join()).isInstanceOf(RegisterDecision.Accepted.class);
            assertThatThrownBy(failed::join).hasCauseInstanceOf(StoreException.class);
            assertThat(db.groupUnits() - db.groupCommits()).isPositive(); // the two did share a batch
            assertThat(store.lookup("sip:bob@localhost", T0)).hasSize(1);
            assertThat(store.lookup("sip:alice@localhost", T0)).isEmpty();
        }
        try (Database db = Database.open(Database.embeddedUrl(data), 2)) {
            BindingStore store = new BindingStore(db);
            assertThat(store.lookup("sip:bob@localhost", T0)).hasSize(1);
            assertThat(store.lookup("sip:alice@localhost", T0)).isEmpty();
        }
    }

    @Test
    void secretIsCreatedOnceAndKept() throws Exception {
        byte[] first;
        try (Database db = Database.open(Database.embeddedUrl(data), 1)) {
            first = db.secret("nonce");
            assertThat(first).hasSize(32);
        }
        try (Database db = Database.open(Database.embeddedUrl(data), 1)) {
            assertThat(db.secret("nonce")).isEqualTo(first);
        }
    }

    @Test
    void onlyH2AndPostgresqlAreAccepted() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://db/parley?password=hunter2", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password=***")
                .hasMessageNotContaining("hunter2");
    }
}
