package dev.parley.registrar.auth;

import java.time.Duration;

/** What {@link Authenticator} decided about one request. */
public sealed interface AuthOutcome {
    /** The credentials are good: the request comes from {@code username}. */
    record Authenticated(String username) implements AuthOutcome {}

    /**
     * Answer 401 with fresh challenges, after {@code delay}; {@code stale} marks a correct
     * response to an expired nonce (RFC 7616 §3.3).
     */
    record Challenge(AuthFailure reason, boolean stale, Duration delay) implements AuthOutcome {}

    /** Answer 403 and ask the client to come back after {@code retryAfter}. */
    record Refused(AuthFailure reason, Duration retryAfter) implements AuthOutcome {}
}
