package dev.parley.registrar.auth;

import java.time.Duration;

/**
 * How authentication failures slow down and then refuse a guesser.
 *
 * @param freeFailures failures (per source, per user) answered at once
 * @param firstDelay delay of the first slowed answer; each further failure doubles it
 * @param maxDelay cap on that delay
 * @param refuseAfter failures after which requests are refused without checking credentials
 * @param refuseFor how long a refusal lasts after the last failure
 * @param window failures older than this (since the last one) are forgotten
 * @param trustFor how long a successful login from a source exempts that source from the
 *     per-user refusal, so that a guesser elsewhere cannot lock the real user out
 * @param capacity how many sources and users are tracked at most
 */
public record ThrottlePolicy(
        int freeFailures,
        Duration firstDelay,
        Duration maxDelay,
        int refuseAfter,
        Duration refuseFor,
        Duration window,
        Duration trustFor,
        int capacity) {

    public ThrottlePolicy {
        if (freeFailures < 0 || refuseAfter <= freeFailures) {
            throw new IllegalArgumentException(
                    "need 0 <= freeFailures < refuseAfter, got " + freeFailures + " and " + refuseAfter);
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= firstDelay <= maxDelay");
        }
        for (Duration d : new Duration[] {refuseFor, window, trustFor}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("refuseFor, window and trustFor must be positive");
            }
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
    }

    /** Five free failures, then 0.5 s doubling to 4 s, refusal for 5 minutes after 20. */
    public static ThrottlePolicy defaults() {
        return new ThrottlePolicy(
                5,
                Duration.ofMillis(500),
                Duration.ofSeconds(4),
                20,
                Duration.ofMinutes(5),
                Duration.ofMinutes(15),
                Duration.ofDays(7),
                100_000);
    }
}
