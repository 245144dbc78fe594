package dev.parley.registrar.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Counts authentication failures per source address and per user name and turns them into a
 * {@link ThrottleVerdict}. The per-user count refuses only sources that have not logged in as
 * that user recently: a guesser on another address raises it, the user's own phone keeps
 * working.
 *
 * <p>Guarded by its own monitor. Time is a parameter.
 */
public final class FailureThrottle {
    private record Failures(int count, Instant last) {}

    private final ThrottlePolicy policy;
    private final Map<String, Failures> bySource;
    private final Map<String, Failures> byUser;
    private final Map<String, Instant> trusted;

    public FailureThrottle(ThrottlePolicy policy) {
        this.policy = policy;
        this.bySource = bounded(policy.capacity());
        this.byUser = bounded(policy.capacity());
        this.trusted = bounded(policy.capacity());
    }

    /** What to do with a request carrying credentials for {@code user} from {@code source}. */
    public synchronized ThrottleVerdict check(String source, String user, Instant now) {
        ThrottleVerdict forSource = verdict(bySource.get(source), now);
        if (isTrusted(source, user, now)) {
            return forSource;
        }
        ThrottleVerdict forUser = verdict(byUser.get(user), now);
        return forSource.worse(forUser);
    }

    /** Records a failed attempt; the returned verdict says how long to hold its answer. */
    public synchronized ThrottleVerdict failed(String source, String user, Instant now) {
        bySource.put(source, bump(bySource.get(source), now));
        if (!isTrusted(source, user, now)) {
            byUser.put(user, bump(byUser.get(user), now));
        }
        return check(source, user, now);
    }

    /** Records a successful login: the source's count is cleared and it is trusted for the user. */
    public synchronized void succeeded(String source, String user, Instant now) {
        bySource.remove(source);
        trusted.put(source + " " + user, now);
    }

    private boolean isTrusted(String source, String user, Instant now) {
        Instant since = trusted.get(source + " " + user);
        return since != null && since.plus(policy.trustFor()).isAfter(now);
    }

    private Failures bump(@Nullable Failures previous, Instant now) {
        if (previous == null || previous.last().plus(policy.window()).isBefore(now)) {
            return new Failures(1, now);
        }
        return new Failures(previous.count() + 1, now);
    }

    private ThrottleVerdict verdict(@Nullable Failures failures, Instant now) {
        if (failures == null || failures.last().plus(policy.window()).isBefore(now)) {
            return ThrottleVerdict.allow();
        }
        int count = failures.count();
        if (count >= policy.refuseAfter()) {
            Instant until = failures.last().plus(policy.refuseFor());
            return until.isAfter(now) ? ThrottleVerdict.refuse(Duration.between(now, until)) : ThrottleVerdict.allow();
        }
        if (count < policy.freeFailures()) {
            return ThrottleVerdict.allow();
        }
        int doublings = Math.min(count - policy.freeFailures(), 30);
        Duration delay = policy.firstDelay().multipliedBy(1L << doublings);
        return ThrottleVerdict.delay(delay.compareTo(policy.maxDelay()) > 0 ? policy.maxDelay() : delay);
    }

    private static <V> Map<String, V> bounded(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
