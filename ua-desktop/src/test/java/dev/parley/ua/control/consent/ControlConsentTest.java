package dev.parley.ua.control.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every transition of the consent machine, on a fake clock. */
class ControlConsentTest {
    private static final Instant T0 = Instant.parse("2026-11-25T07:00:00Z");
    private final ControlConsent consent = new ControlConsent(Duration.ofSeconds(30));

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aRequestIsAskedWithA30SecondDeadline() {
        assertThat(consent.request("r1", "Alice", T0)).containsExactly(new ConsentAction.Ask("r1", "Alice", at(30)));
        assertThat(consent.nextDeadline()).contains(at(30));
        assertThat(consent.controller()).isEmpty();
    }

    @Test
    void allowStartsControlAndTheBarNamesTheController() {
        consent.request("r1", "Alice", T0);

        assertThat(consent.allow("r1", at(29)))
                .containsExactly(new ConsentAction.Dismiss("r1"), new ConsentAction.Start("r1", "Alice"));
        assertThat(consent.controller()).contains("Alice");
        assertThat(consent.nextDeadline()).isEmpty();
    }

    @Test
    void declineAnswers603AndControlNeverStarts() {
        consent.request("r1", "Alice", T0);

        assertThat(consent.decline("r1"))
                .containsExactly(new ConsentAction.Dismiss("r1"), new ConsentAction.Reject("r1", 603, "declined"));
        assertThat(consent.allow("r1", at(1))).isEmpty();
        assertThat(consent.controller()).isEmpty();
    }

    @Test
    void noAnswerByTheDeadlineAnswers408AndALateAllowChangesNothing() {
        consent.request("r1", "Alice", T0);

        assertThat(consent.tick(at(29))).isEmpty();
        assertThat(consent.tick(at(30)))
                .containsExactly(
                        new ConsentAction.Dismiss("r1"), new ConsentAction.Reject("r1", 408, "no answer in 30 s"));
        assertThat(consent.allow("r1", at(31))).isEmpty();
        assertThat(consent.controller()).isEmpty();
    }

    @Test
    void anAllowArrivingAfterTheDeadlineBeforeTheTickIsTheTimeout() {
        consent.request("r1", "Alice", T0);

        assertThat(consent.allow("r1", at(30)))
                .containsExactly(
                        new ConsentAction.Dismiss("r1"), new ConsentAction.Reject("r1", 408, "no answer in 30 s"));
        assertThat(consent.controller()).isEmpty();
    }

    @Test
    void aSecondRequestWhileControlledOrAskingIsBusy() {
        consent.request("r1", "Alice", T0);
        assertThat(consent.request("r2", "Carol", at(1)))
                .containsExactly(
                        new ConsentAction.Reject("r2", 486, "another control request is waiting for an answer"));

        consent.allow("r1", at(2));
        assertThat(consent.request("r3", "Carol", at(3)))
                .containsExactly(new ConsentAction.Reject("r3", 486, "Alice is controlling this screen"));
        assertThat(consent.controller()).contains("Alice");
    }

    @Test
    void anAllowForAnotherRequestIdDoesNothing() {
        consent.request("r1", "Alice", T0);

        assertThat(consent.allow("r9", at(1))).isEmpty();
        assertThat(consent.controller()).isEmpty();
        assertThat(consent.askedRequest()).contains("r1");
    }

    @Test
    void stoppingHereSendsByeAndEndingThereDoesNot() {
        consent.request("r1", "Alice", T0);
        consent.allow("r1", at(1));
        assertThat(consent.stop("r1", "Stop clicked"))
                .containsExactly(new ConsentAction.Stop("r1", true, "Stop clicked"));
        assertThat(consent.stop("r1", "again")).isEmpty();

        consent.request("r2", "Alice", at(10));
        consent.allow("r2", at(11));
        assertThat(consent.ended("r2", false, "BYE from Alice"))
                .containsExactly(new ConsentAction.Stop("r2", false, "BYE from Alice"));
        assertThat(consent.controller()).isEmpty();
    }

    @Test
    void aWithdrawnRequestIsDismissedAndTheNextOneIsAsked() {
        consent.request("r1", "Alice", T0);

        assertThat(consent.withdrawn("r1")).containsExactly(new ConsentAction.Dismiss("r1"));
        assertThat(consent.request("r2", "Carol", at(1))).containsExactly(new ConsentAction.Ask("r2", "Carol", at(31)));
    }

    @Test
    void afterControlEndsANewRequestIsAskedAgain() {
        consent.request("r1", "Alice", T0);
        consent.allow("r1", at(1));
        consent.ended("r1", true, "input connection lost");

        assertThat(consent.request("r2", "Alice", at(5))).containsExactly(new ConsentAction.Ask("r2", "Alice", at(35)));
    }
}
