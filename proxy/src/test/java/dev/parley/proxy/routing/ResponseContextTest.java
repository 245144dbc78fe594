package dev.parley.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.proxy.routing.ResponseContext.Decision;
import dev.parley.proxy.routing.ResponseContext.Send;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 3261 §16.7, §16.8 and §16.10 as decisions: what goes upstream, what gets cancelled, which
 * group of branches starts next (serial forking by q, RFC 3263 failover), Timer C.
 */
class ResponseContextTest {
    private static ResponseContext started(int branches) {
        ResponseContext c = new ResponseContext(branches);
        assertThat(c.start().start()).hasSize(branches);
        return c;
    }

    /** Groups of these sizes, the first one started. */
    private static ResponseContext groups(ResponseContext.Advance advance, Integer... sizes) {
        ResponseContext c = new ResponseContext(List.of(sizes), advance);
        assertThat(c.start().start()).hasSize(sizes[0]);
        return c;
    }

    @Test
    void theNextQStartsWhenTheHigherOneFailed() {
        ResponseContext c = groups(ResponseContext.Advance.ON_ANY_FAILURE, 2, 1);
        c.provisional(0, 180);
        assertThat(c.finalResponse(0, 486, false).isNothing()).isTrue();
        Decision next = c.finalResponse(1, 480, false);
        assertThat(next).isEqualTo(new Decision(new Send.None(), List.of(), List.of(2)));
        assertThat(c.group()).isEqualTo(1);
        assertThat(c.provisional(2, 180).send()).isEqualTo(new Send.Forward(2));
        assertThat(c.finalResponse(2, 200, false).send()).isEqualTo(new Send.Forward(2));
        assertThat(c.done()).isTrue();
    }

    @Test
    void theBestOfEveryGroupWinsWhenAllFailed() {
        ResponseContext c = groups(ResponseContext.Advance.ON_ANY_FAILURE, 1, 1);
        assertThat(c.finalResponse(0, 486, false).start()).containsExactly(1);
        assertThat(c.finalResponse(1, 408, true).send()).isEqualTo(new Send.Forward(0));
    }

    @Test
    void aSixHundredEndsTheSearch() {
        ResponseContext c = groups(ResponseContext.Advance.ON_ANY_FAILURE, 1, 1);
        Decision d = c.finalResponse(0, 603, false);
        assertThat(d.start()).isEmpty();
        assertThat(d.send()).isEqualTo(new Send.Forward(0));
        assertThat(c.done()).isTrue();
    }

    @Test
    void aGroupThatRangOutIsCancelledAndTheNextStarts() {
        ResponseContext c = groups(ResponseContext.Advance.ON_ANY_FAILURE, 1, 1);
        c.provisional(0, 180);
        assertThat(c.ringTimeout(0)).isEqualTo(new Decision(new Send.None(), List.of(0), List.of(1)));
        // A stale timer of the first group changes nothing; the second rings out in its turn.
        assertThat(c.ringTimeout(0).isNothing()).isTrue();
        c.provisional(1, 180);
        assertThat(c.finalResponse(0, 487, false).isNothing()).isTrue();
        Decision last = c.ringTimeout(1);
        assertThat(last).isEqualTo(new Decision(new Send.Answer(480, "Temporarily Unavailable"), List.of(1)));
    }

    @Test
    void aCancelFromUpstreamStartsNoFurtherGroup() {
        ResponseContext c = groups(ResponseContext.Advance.ON_ANY_FAILURE, 1, 1);
        c.provisional(0, 180);
        assertThat(c.cancel().cancel()).containsExactly(0);
        Decision d = c.finalResponse(0, 487, false);
        assertThat(d.start()).isEmpty();
        assertThat(d.send()).isEqualTo(new Send.Answer(487, "Request Terminated"));
        assertThat(c.done()).isTrue();
    }

    @Test
    void failoverMovesOnOnlyWhenTheServerWasUnreachable() {
        ResponseContext c = groups(ResponseContext.Advance.ON_UNREACHABLE, 1, 1, 1);
        assertThat(c.finalResponse(0, 503, true).start()).containsExactly(1);
        Decision busy = c.finalResponse(1, 486, false);
        assertThat(busy.start()).isEmpty();
        assertThat(busy.send()).isEqualTo(new Send.Forward(1));
        assertThat(c.done()).isTrue();
    }

    @Test
    void timerCCancelsARingingBranchWhoseFinalCountsAs408() {
        ResponseContext c = started(1);
        c.provisional(0, 100);
        assertThat(c.timerC(0)).isEqualTo(new Decision(new Send.None(), List.of(0)));
        assertThat(c.completed(0)).isFalse();
        assertThat(c.finalResponse(0, 487, false).send()).isEqualTo(new Send.Answer(408, "Request Timeout"));
    }

    @Test
    void timerCOnASilentBranchIs408AndMovesToTheNextQ() {
        ResponseContext c = groups(ResponseContext.Advance.ON_ANY_FAILURE, 1, 1);
        assertThat(c.timerC(0).start()).containsExactly(1);
        assertThat(c.completed(0)).isTrue();
    }

    @Test
    void timerCOfABranchThatNeverAnsweredTheCancelCompletesIt() {
        ResponseContext c = started(1);
        c.provisional(0, 180);
        c.timerC(0);
        assertThat(c.timerC(0).send()).isEqualTo(new Send.Answer(408, "Request Timeout"));
        assertThat(c.done()).isTrue();
    }

    @Test
    void ringingIsForwardedAndTryingIsNot() {
        ResponseContext c = started(1);
        assertThat(c.provisional(0, 100).isNothing()).isTrue();
        assertThat(c.provisional(0, 180).send()).isEqualTo(new Send.Forward(0));
        assertThat(c.provisional(0, 183).send()).isEqualTo(new Send.Forward(0));
    }

    @Test
    void twoHundredGoesUpAtOnceAndCancelsTheRingingBranches() {
        ResponseContext c = started(3);
        c.provisional(0, 180);
        c.provisional(1, 180);
        Decision d = c.finalResponse(1, 200, false);
        assertThat(d.send()).isEqualTo(new Send.Forward(1));
        assertThat(d.cancel()).containsExactly(0);
        assertThat(c.finalSent()).isTrue();
        assertThat(c.done()).isFalse();
        // Branch 2 had not rung yet: its CANCEL waits for its first provisional (§9.1).
        assertThat(c.provisional(2, 100)).isEqualTo(new Decision(new Send.None(), List.of(2)));
        c.finalResponse(0, 487, false);
        c.finalResponse(2, 487, false);
        assertThat(c.done()).isTrue();
    }

    @Test
    void aSecondTwoHundredIsForwardedStatelessly() {
        ResponseContext c = started(2);
        c.finalResponse(0, 200, false);
        assertThat(c.finalResponse(1, 200, false).send()).isEqualTo(new Send.ForwardLate(1));
    }

    @Test
    void lowestClassWinsOnceEveryBranchCompleted() {
        ResponseContext c = started(3);
        assertThat(c.finalResponse(0, 486, false).isNothing()).isTrue();
        assertThat(c.finalResponse(1, 302, false).isNothing()).isTrue();
        assertThat(c.finalResponse(2, 500, false).send()).isEqualTo(new Send.Forward(1));
        assertThat(c.done()).isTrue();
    }

    @Test
    void challengesArePreferredAmongTheFourHundreds() {
        ResponseContext c = started(2);
        c.finalResponse(0, 486, false);
        assertThat(c.finalResponse(1, 407, false).send()).isEqualTo(new Send.Forward(1));
    }

    @Test
    void sixHundredCancelsTheRestAndWins() {
        ResponseContext c = started(2);
        c.provisional(1, 180);
        Decision d = c.finalResponse(0, 603, false);
        assertThat(d.send()).isInstanceOf(Send.None.class);
        assertThat(d.cancel()).containsExactly(1);
        assertThat(c.finalResponse(1, 487, false).send()).isEqualTo(new Send.Forward(0));
    }

    @Test
    void a503IsSentUpAs500() {
        ResponseContext c = started(1);
        assertThat(c.finalResponse(0, 503, false).send()).isEqualTo(new Send.Answer(500, "Server Internal Error"));
    }

    @Test
    void aBranchThatTimedOutIsAnsweredByTheProxy() {
        ResponseContext c = started(1);
        assertThat(c.finalResponse(0, 408, true).send()).isEqualTo(new Send.Answer(408, "Request Timeout"));
    }

    @Test
    void cancelFromUpstreamCancelsEveryBranchAndEndsIn487() {
        ResponseContext c = started(2);
        c.provisional(0, 180);
        c.provisional(1, 180);
        assertThat(c.cancel()).isEqualTo(new Decision(new Send.None(), List.of(0, 1)));
        assertThat(c.finalResponse(0, 487, false).isNothing()).isTrue();
        assertThat(c.finalResponse(1, 487, false).send()).isEqualTo(new Send.Answer(487, "Request Terminated"));
        assertThat(c.cancel().isNothing()).isTrue();
    }

    @Test
    void ringTimeoutAnswers480AndCancels() {
        ResponseContext c = started(2);
        c.provisional(0, 180);
        Decision d = c.ringTimeout(0);
        assertThat(d.send()).isEqualTo(new Send.Answer(480, "Temporarily Unavailable"));
        assertThat(d.cancel()).containsExactly(0);
        // the 487s that follow go nowhere
        assertThat(c.finalResponse(0, 487, false).isNothing()).isTrue();
        assertThat(c.ringTimeout(0).isNothing()).isTrue();
    }

    @Test
    void ringTimeoutAfterUpstreamCancelAnswers487() {
        ResponseContext c = started(1);
        c.cancel();
        assertThat(c.ringTimeout(0).send()).isEqualTo(new Send.Answer(487, "Request Terminated"));
    }

    @Test
    void nothingIsForwardedAfterTheFinalResponse() {
        ResponseContext c = started(2);
        c.provisional(1, 180);
        c.finalResponse(0, 200, false);
        assertThat(c.provisional(1, 183).isNothing()).isTrue();
        assertThat(c.finalResponse(1, 486, false).isNothing()).isTrue();
    }
}
