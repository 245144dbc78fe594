package dev.parley.mixer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The dominant speaker's hysteresis, tick by tick (each tick is 20 ms of mix). */
class ActiveSpeakerTest {
    private final ActiveSpeaker speaker = new ActiveSpeaker();

    /** One tick with alice and bob at these RFC 6464 levels; true when the speaker changed. */
    private boolean tick(int alice, int bob) {
        speaker.begin();
        speaker.level("alice", alice);
        speaker.level("bob", bob);
        return speaker.end();
    }

    @Test
    void theFirstToSpeakTakesOverAtOnce() {
        assertThat(tick(127, 127)).isFalse();
        assertThat(speaker.current()).isEmpty();
        assertThat(tick(20, 127)).isTrue();
        assertThat(speaker.current()).contains("alice");
    }

    @Test
    void aChallengerNeedsHalfASecondOfBeingClearlyLouder() {
        tick(20, 127);
        for (int i = 1; i < ActiveSpeaker.SWITCH_TICKS; i++) {
            assertThat(tick(40, 20)).as("tick %d", i).isFalse();
        }
        assertThat(tick(40, 20)).isTrue();
        assertThat(speaker.current()).contains("bob");
        assertThat(speaker.shownTo("alice")).contains("bob");
        assertThat(speaker.shownTo("bob")).as("the speaker sees the one before").contains("alice");
    }

    @Test
    void aCoughOrALevelWithinTheMarginSwitchesNothing() {
        tick(20, 127);
        for (int i = 0; i < 10; i++) {
            tick(127, 10); // a short cough while alice pauses
        }
        for (int i = 0; i < 100; i++) {
            tick(20, 127);
        }
        for (int i = 0; i < 100; i++) {
            assertThat(tick(22, 18)).isFalse(); // bob louder by less than the margin
        }
        assertThat(speaker.current()).contains("alice");
    }

    @Test
    void speechWithPausesStillTakesOverAndSilenceIsNotSpeech() {
        tick(20, 127);
        int switchedAt = -1;
        for (int i = 0; i < 200 && switchedAt < 0; i++) {
            // bob talks in bursts of 4 ticks with 1-tick pauses; alice is silent
            if (tick(127, i % 5 == 4 ? 127 : 25)) {
                switchedAt = i;
            }
        }
        assertThat(switchedAt).isBetween(ActiveSpeaker.SWITCH_TICKS, 3 * ActiveSpeaker.SWITCH_TICKS);
        for (int i = 0; i < 100; i++) {
            assertThat(tick(127, 127)).isFalse();
        }
        assertThat(speaker.current()).contains("bob");
    }

    @Test
    void aSpeakerWhoLeavesHandsBackToTheOneBefore() {
        tick(20, 127);
        for (int i = 0; i < ActiveSpeaker.SWITCH_TICKS; i++) {
            tick(40, 20);
        }
        speaker.forget("bob");
        assertThat(speaker.current()).contains("alice");
        assertThat(speaker.shownTo("alice")).isEmpty();
    }
}
