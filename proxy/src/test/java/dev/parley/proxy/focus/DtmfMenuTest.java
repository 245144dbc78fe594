package dev.parley.proxy.focus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DtmfMenuTest {
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    static final MemberId BOB = new MemberId("bob");
    static final MemberId ALICE = new MemberId("alice");

    DtmfMenu menu = new DtmfMenu();

    @Test
    void starThenDigitPicks() {
        assertThat(menu.key(BOB, '*', T0)).isEmpty();
        assertThat(menu.key(BOB, '6', T0.plusMillis(400))).contains(DtmfMenu.Choice.TOGGLE_SELF_MUTE);
        menu.key(BOB, '*', T0);
        assertThat(menu.key(BOB, '5', T0.plusSeconds(1))).contains(DtmfMenu.Choice.TOGGLE_LOCK);
        menu.key(BOB, '*', T0);
        assertThat(menu.key(BOB, '0', T0.plusSeconds(3))).contains(DtmfMenu.Choice.CLOSE);
    }

    @Test
    void aDigitWithoutStarOrTooLateDoesNothing() {
        assertThat(menu.key(BOB, '0', T0)).isEmpty();
        menu.key(BOB, '*', T0);
        assertThat(menu.key(BOB, '0', T0.plusMillis(3001))).isEmpty();
        assertThat(menu.key(BOB, '0', T0.plusMillis(3002))).isEmpty();
    }

    @Test
    void eachMemberHasItsOwnMenuAndAnUnknownDigitDisarms() {
        menu.key(BOB, '*', T0);

        assertThat(menu.key(ALICE, '0', T0)).isEmpty();
        assertThat(menu.key(BOB, '9', T0)).isEmpty();
        assertThat(menu.key(BOB, '0', T0)).isEqualTo(Optional.empty());
    }

    @Test
    void aMemberWhoLeftIsForgotten() {
        menu.key(BOB, '*', T0);
        menu.forget(BOB);

        assertThat(menu.key(BOB, '6', T0)).isEmpty();
    }
}
