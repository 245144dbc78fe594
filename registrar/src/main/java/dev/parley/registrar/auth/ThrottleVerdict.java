package dev.parley.registrar.auth;

import java.time.Duration;

/**
 * The throttle's answer: go ahead, answer only after {@code duration}, or refuse for {@code duration}.
 */
public record ThrottleVerdict(Kind kind, Duration duration) {
    /** The three answers, from mild to severe. */
    public enum Kind {
        ALLOW,
        DELAY,
        REFUSE
    }

    public ThrottleVerdict {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("wait must not be negative");
        }
    }

    static ThrottleVerdict allow() {
        return new ThrottleVerdict(Kind.ALLOW, Duration.ZERO);
    }

    static ThrottleVerdict delay(Duration duration) {
        return new ThrottleVerdict(Kind.DELAY, duration);
    }

    static ThrottleVerdict refuse(Duration duration) {
        return new ThrottleVerdict(Kind.REFUSE, duration);
    }

    /** The more severe of the two; between equals, the longer wait. */
    ThrottleVerdict worse(ThrottleVerdict other) {
        int order = kind.compareTo(other.kind);
        if (order != 0) {
            return order > 0 ? this : other;
        }
        return duration.compareTo(other.duration) >= 0 ? this : other;
    }
}
