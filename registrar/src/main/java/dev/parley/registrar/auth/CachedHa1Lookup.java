package dev.parley.registrar.auth;

import dev.parley.registrar.digest.Ha1Pair;
import dev.parley.registrar.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the answers of another {@link Ha1Lookup} for a short time, so that a phone's REGISTER
 * refreshes and calls do not each cost a database round trip. Unknown users are remembered too
 * (a scan of made-up names must not reach the store at full rate). A password changed with
 * {@code parley user passwd}, or an account added or removed, takes effect within the time to
 * live; the cache forgets everything once it holds {@code maxEntries} names.
 */
public final class CachedHa1Lookup implements Ha1Lookup {
    private record Entry(Optional<Ha1Pair> ha1, Instant until) {}

    private final Ha1Lookup store;
    private final Duration timeToLive;
    private final int maxEntries;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    public CachedHa1Lookup(Ha1Lookup store, Duration timeToLive, int maxEntries, Clock clock) {
        if (timeToLive.isNegative() || maxEntries < 1) {
            throw new IllegalArgumentException("time to live must be >= 0 and maxEntries >= 1");
        }
        this.store = store;
        this.timeToLive = timeToLive;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    @Override
    public Optional<Ha1Pair> find(String username) throws StoreException {
        Instant now = clock.instant();
        Entry cached = entries.get(username);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.ha1();
        }
        Optional<Ha1Pair> fresh = store.find(username);
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(username, new Entry(fresh, now.plus(timeToLive)));
        return fresh;
    }
}
