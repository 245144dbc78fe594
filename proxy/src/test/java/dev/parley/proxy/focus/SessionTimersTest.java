package dev.parley.proxy.focus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionTimersTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final MemberId alice = new MemberId("call-1;tag-a");
    private final MemberId bob = new MemberId("call-2;tag-b");

    @Test
    void aPhoneThatRefreshesGetsItsIntervalBack() {
        assertThat(SessionTimers.verdict(Optional.of("1800"), true))
                .isEqualTo(new SessionTimers.Verdict.Refreshed(Duration.ofSeconds(1800)));
        assertThat(((SessionTimers.Verdict.Refreshed) SessionTimers.verdict(Optional.of("1800;refresher=uac"), true))
                        .header())
                .isEqualTo("1800;refresher=uac");
    }

    @Test
    void belowNinetySecondsIs422AndMissingOrUnusableHeadersMeanNoTimer() {
        assertThat(SessionTimers.verdict(Optional.of("60"), true))
                .isEqualTo(new SessionTimers.Verdict.TooSmall(Duration.ofSeconds(90)));
        assertThat(SessionTimers.verdict(Optional.of("60"), false))
                .as("the interval is checked whatever the phone supports (RFC 4028 §9)")
                .isEqualTo(new SessionTimers.Verdict.TooSmall(Duration.ofSeconds(90)));
        assertThat(SessionTimers.verdict(Optional.empty(), true)).isEqualTo(new SessionTimers.Verdict.None());
        assertThat(SessionTimers.verdict(Optional.of("soon"), true)).isEqualTo(new SessionTimers.Verdict.None());
        assertThat(SessionTimers.verdict(Optional.of("1800"), false)).isEqualTo(new SessionTimers.Verdict.None());
        assertThat(SessionTimers.verdict(Optional.of("1800;refresher=uas"), true))
                .isEqualTo(new SessionTimers.Verdict.None());
    }

    @Test
    void aMissedRefreshIsDueAtTheEndLessAThirdOrThirtyTwoSeconds() {
        SessionTimers timers = new SessionTimers();
        timers.refreshed(alice, SessionTimers.verdict(Optional.of("90"), true), T0);
        timers.refreshed(bob, SessionTimers.verdict(Optional.of("1800"), true), T0);
        assertThat(timers.expired(T0.plusSeconds(59))).isEmpty();
        assertThat(timers.expired(T0.plusSeconds(60))).as("90 s less 30").containsExactly(alice);
        assertThat(timers.expired(T0.plusSeconds(61))).as("reported once").isEmpty();

        timers.refreshed(bob, SessionTimers.verdict(Optional.of("1800"), true), T0.plusSeconds(1000));
        assertThat(timers.expired(T0.plusSeconds(1767))).isEmpty();
        assertThat(timers.expired(T0.plusSeconds(2768)))
                .as("1000 + 1800 less 32")
                .containsExactly(bob);
    }

    @Test
    void aCallThatStopsUsingTimersOrEndsIsNotWatched() {
        SessionTimers timers = new SessionTimers();
        timers.refreshed(alice, SessionTimers.verdict(Optional.of("90"), true), T0);
        timers.refreshed(alice, new SessionTimers.Verdict.None(), T0.plusSeconds(10));
        timers.refreshed(bob, SessionTimers.verdict(Optional.of("90"), true), T0);
        timers.forget(bob);
        assertThat(timers.expired(T0.plusSeconds(3600))).isEmpty();
    }
}
