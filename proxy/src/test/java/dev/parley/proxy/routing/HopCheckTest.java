package dev.parley.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** RFC 3261 §16.3 steps 3 and 4, and the branch of §16.6 step 8 they rely on. */
class HopCheckTest {
    private static final String HASH = LoopHash.compute("sip:bob@localhost", "ft", "", "c1", 1, List.of(), List.of());

    @Test
    void maxForwardsZeroIs483ExceptForOptions() {
        assertThat(HopCheck.check("INVITE", OptionalInt.of(0), List.of(), HASH))
                .isEqualTo(HopCheck.Verdict.TOO_MANY_HOPS);
        assertThat(HopCheck.check("OPTIONS", OptionalInt.of(0), List.of(), HASH))
                .isEqualTo(HopCheck.Verdict.ANSWER_OPTIONS);
        assertThat(HopCheck.check("INVITE", OptionalInt.of(1), List.of(), HASH)).isEqualTo(HopCheck.Verdict.FORWARD);
        assertThat(HopCheck.check("INVITE", OptionalInt.empty(), List.of(), HASH))
                .isEqualTo(HopCheck.Verdict.FORWARD);
    }

    @Test
    void forwardedCopiesCarryOneHopLess() {
        assertThat(HopCheck.decrement(OptionalInt.of(70))).isEqualTo(69);
        assertThat(HopCheck.decrement(OptionalInt.empty())).isEqualTo(70);
    }

    @Test
    void ourBranchWithTheSameHashIsALoop() {
        assertThat(HopCheck.check("INVITE", OptionalInt.of(60), List.of(LoopHash.branch(HASH, 1)), HASH))
                .isEqualTo(HopCheck.Verdict.LOOP);
    }

    @Test
    void ourBranchWithAnotherHashIsASpiral() {
        String retargeted = LoopHash.compute("sip:bob@127.0.0.1:5072", "ft", "", "c1", 1, List.of(), List.of());
        assertThat(retargeted).isNotEqualTo(HASH);
        assertThat(HopCheck.check("INVITE", OptionalInt.of(60), List.of(LoopHash.branch(retargeted, 0)), HASH))
                .isEqualTo(HopCheck.Verdict.FORWARD);
        assertThat(HopCheck.check("INVITE", OptionalInt.of(60), List.of("z9hG4bKsomeoneelse"), HASH))
                .isEqualTo(HopCheck.Verdict.FORWARD);
    }

    @Test
    void theHashDependsOnEveryField() {
        assertThat(LoopHash.compute("sip:bob@localhost", "ft", "tt", "c1", 1, List.of(), List.of()))
                .isNotEqualTo(HASH);
        assertThat(LoopHash.compute("sip:bob@localhost", "ft", "", "c1", 2, List.of(), List.of()))
                .isNotEqualTo(HASH);
        assertThat(LoopHash.compute("sip:bob@localhost", "ft", "", "c1", 1, List.of("foo"), List.of()))
                .isNotEqualTo(HASH);
        assertThat(LoopHash.compute("sip:bob@localhost", "ft", "", "c1", 1, List.of(), List.of()))
                .isEqualTo(HASH);
        assertThat(LoopHash.of(LoopHash.branch(HASH, 3))).contains(HASH);
        assertThat(LoopHash.branch(HASH, 3)).startsWith("z9hG4bK");
    }
}
