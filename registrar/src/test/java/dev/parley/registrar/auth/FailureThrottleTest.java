package dev.parley.registrar.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailureThrottleTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final ThrottlePolicy POLICY = new ThrottlePolicy(
            2,
            Duration.ofMillis(100),
            Duration.ofMillis(400),
            5,
            Duration.ofMinutes(5),
            Duration.ofMinutes(15),
            Duration.ofDays(1),
            1000);

    @Test
    void slowsDownThenRefusesThenForgives() {
        FailureThrottle throttle = new FailureThrottle(POLICY);
        assertThat(throttle.failed("10.0.0.9", "alice", T0).kind()).isEqualTo(ThrottleVerdict.Kind.ALLOW);
        assertThat(throttle.failed("10.0.0.9", "alice", T0).duration()).isEqualTo(Duration.ofMillis(100));
        assertThat(throttle.failed("10.0.0.9", "alice", T0).duration()).isEqualTo(Duration.ofMillis(200));
        assertThat(throttle.failed("10.0.0.9", "alice", T0).duration()).isEqualTo(Duration.ofMillis(400));
        ThrottleVerdict refused = throttle.failed("10.0.0.9", "alice", T0);
        assertThat(refused.kind()).isEqualTo(ThrottleVerdict.Kind.REFUSE);
        assertThat(refused.duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(throttle.check("10.0.0.9", "bob", T0.plusSeconds(60)).kind()).isEqualTo(ThrottleVerdict.Kind.REFUSE);
        assertThat(throttle.check("10.0.0.9", "alice", T0.plusSeconds(301)).kind())
                .isEqualTo(ThrottleVerdict.Kind.ALLOW);
    }

    @Test
    void guesserElsewhereDoesNotLockOutTheUsersOwnPhone() {
        FailureThrottle throttle = new FailureThrottle(POLICY);
        throttle.succeeded("192.0.2.1", "alice", T0);
        for (int i = 0; i < 10; i++) {
            throttle.failed("198.51.100." + i, "alice", T0.plusSeconds(1));
        }
        assertThat(throttle.check("192.0.2.1", "alice", T0.plusSeconds(2)).kind())
                .isEqualTo(ThrottleVerdict.Kind.ALLOW);
        assertThat(throttle.check("203.0.113.7", "alice", T0.plusSeconds(2)).kind())
                .isEqualTo(ThrottleVerdict.Kind.REFUSE);
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() {
        FailureThrottle throttle = new FailureThrottle(POLICY);
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.9", "alice", T0);
        }
        assertThat(throttle.check("10.0.0.9", "alice", T0).kind()).isEqualTo(ThrottleVerdict.Kind.DELAY);
        assertThat(throttle.failed("10.0.0.9", "alice", T0.plus(Duration.ofMinutes(16)))
                        .kind())
                .isEqualTo(ThrottleVerdict.Kind.ALLOW);
    }
}
