package dev.parley.proxy.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.proxy.routing.ResponseContext.Decision;
import dev.parley.proxy.routing.ResponseContext.Send;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3261 §16.7 and §16.10 as decisions: what goes upstream, what gets cancelled. */
class ResponseContextTest {
    @Test
    void ringingIsForwardedAndTryingIsNot() {
        ResponseContext c = new ResponseContext(1);
        assertThat(c.provisional(0, 100).isNothing()).isTrue();
        assertThat(c.provisional(0, 180).send()).isEqualTo(new Send.Forward(0));
        assertThat(c.provisional(0, 183).send()).isEqualTo(new Send.Forward(0));
    }

    @Test
    void twoHundredGoesUpAtOnceAndCancelsTheRingingBranches() {
        ResponseContext c = new ResponseContext(3);
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
        ResponseContext c = new ResponseContext(2);
        c.finalResponse(0, 200, false);
        assertThat(c.finalResponse(1, 200, false).send()).isEqualTo(new Send.ForwardLate(1));
    }

    @Test
    void lowestClassWinsOnceEveryBranchCompleted() {
        ResponseContext c = new ResponseContext(3);
        assertThat(c.finalResponse(0, 486, false).isNothing()).isTrue();
        assertThat(c.finalResponse(1, 302, false).isNothing()).isTrue();
        assertThat(c.finalResponse(2, 500, false).send()).isEqualTo(new Send.Forward(1));
        assertThat(c.done()).isTrue();
    }

    @Test
    void challengesArePreferredAmongTheFourHundreds() {
        ResponseContext c = new ResponseContext(2);
        c.finalResponse(0, 486, false);
        assertThat(c.finalResponse(1, 407, false).send()).isEqualTo(new Send.Forward(1));
    }

    @Test
    void sixHundredCancelsTheRestAndWins() {
        ResponseContext c = new ResponseContext(2);
        c.provisional(1, 180);
        Decision d = c.finalResponse(0, 603, false);
        assertThat(d.send()).isInstanceOf(Send.None.class);
        assertThat(d.cancel()).containsExactly(1);
        assertThat(c.finalResponse(1, 487, false).send()).isEqualTo(new Send.Forward(0));
    }

    @Test
    void a503IsSentUpAs500() {
        ResponseContext c = new ResponseContext(1);
        assertThat(c.finalResponse(0, 503, false).send()).isEqualTo(new Send.Answer(500, "Server Internal Error"));
    }

    @Test
    void aBranchThatTimedOutIsAnsweredByTheProxy() {
        ResponseContext c = new ResponseContext(1);
        assertThat(c.finalResponse(0, 408, true).send()).isEqualTo(new Send.Answer(408, "Request Timeout"));
    }

    @Test
    void cancelFromUpstreamCancelsEveryBranchAndEndsIn487() {
        ResponseContext c = new ResponseContext(2);
        c.provisional(0, 180);
        c.provisional(1, 180);
        assertThat(c.cancel()).isEqualTo(new Decision(new Send.None(), List.of(0, 1)));
        assertThat(c.finalResponse(0, 487, false).isNothing()).isTrue();
        assertThat(c.finalResponse(1, 487, false).send()).isEqualTo(new Send.Answer(487, "Request Terminated"));
        assertThat(c.cancel().isNothing()).isTrue();
    }

    @Test
    void ringTimeoutAnswers480AndCancels() {
        ResponseContext c = new ResponseContext(2);
        c.provisional(0, 180);
        Decision d = c.ringTimeout();
        assertThat(d.send()).isEqualTo(new Send.Answer(480, "Temporarily Unavailable"));
        assertThat(d.cancel()).containsExactly(0);
        // the 487s that follow go nowhere
        assertThat(c.finalResponse(0, 487, false).isNothing()).isTrue();
        assertThat(c.ringTimeout().isNothing()).isTrue();
    }

    @Test
    void ringTimeoutAfterUpstreamCancelAnswers487() {
        ResponseContext c = new ResponseContext(1);
        c.cancel();
        assertThat(c.ringTimeout().send()).isEqualTo(new Send.Answer(487, "Request Terminated"));
    }

    @Test
    void nothingIsForwardedAfterTheFinalResponse() {
        ResponseContext c = new ResponseContext(2);
        c.provisional(1, 180);
        c.finalResponse(0, 200, false);
        assertThat(c.provisional(1, 183).isNothing()).isTrue();
        assertThat(c.finalResponse(1, 486, false).isNothing()).isTrue();
    }
}
