package dev.parley.registrar.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.registrar.digest.Ha1Pair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CachedHa1LookupTest {
    private final Map<String, Ha1Pair> accounts = new HashMap<>();
    private int storeReads;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final CachedHa1Lookup cache = new CachedHa1Lookup(
            user -> {
                storeReads++;
                return Optional.ofNullable(accounts.get(user));
            },
            Duration.ofSeconds(5),
            3,
            clock);

    @Test
    void answersRepeatedLookupsWithoutTheStoreUntilTheTimeToLivePasses() throws Exception {
        Ha1Pair old = Ha1Pair.of("alice", "localhost", "old");
        accounts.put("alice", old);
        assertThat(cache.find("alice")).contains(old);
        now = now.plusSeconds(4);
        assertThat(cache.find("alice")).contains(old);
        assertThat(storeReads).isEqualTo(1);

        Ha1Pair changed = Ha1Pair.of("alice", "localhost", "new");
        accounts.put("alice", changed);
        now = now.plusSeconds(1);
        assertThat(cache.find("alice")).contains(changed);
        assertThat(storeReads).isEqualTo(2);
    }

    @Test
    void remembersUnknownUsersAndSeesThemOnceAdded() throws Exception {
        assertThat(cache.find("mallory")).isEmpty();
        assertThat(cache.find("mallory")).isEmpty();
        assertThat(storeReads).isEqualTo(1);
        accounts.put("mallory", Ha1Pair.of("mallory", "localhost", "pw"));
        now = now.plusSeconds(6);
        assertThat(cache.find("mallory")).isPresent();
    }

    @Test
    void forgetsEverythingOnceFull() throws Exception {
        for (String user : new String[] {"a", "b", "c", "d"}) {
            cache.find(user);
        }
        cache.find("a");
        assertThat(storeReads)
                .as("'a' was dropped when 'd' arrived at the bound of 3")
                .isEqualTo(5);
    }
}
