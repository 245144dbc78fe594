package dev.parley.proxy.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * The response context of one proxied request (RFC 3261 §16.7): which responses of which
 * branches go upstream, which branches to CANCEL, and the best final response once every
 * branch is done. Events in, {@link Decision}s out; it sends nothing itself.
 *
 * <p>Rules: provisional responses other than 100 are forwarded until a final one was sent
 * (step 5); a 2xx is forwarded at once and every other branch is cancelled, and a later 2xx
 * is forwarded too (statelessly, RFC 6026 §7.2); a 6xx cancels the other branches and wins;
 * otherwise, once all branches completed, the lowest class wins, preferring 401, 407, 415, 420
 * and 484 among the 4xx, and a chosen 503 goes up as 500 (step 6). CANCEL from upstream
 * (§16.10) cancels every pending branch and ends in 487; the ring timeout ends in 480 (487
 * after a CANCEL, the 6xx when one came). A branch that never sent a provisional response is
 * not cancelled at once (§9.1): its CANCEL goes out when its first provisional response comes.
 *
 * <p>Not thread-safe: the glue calls it under one lock per proxied request.
 */
public final class ResponseContext {
    /** What the glue does after an event: at most one response upstream, then CANCELs. */
    public record Decision(Send send, List<Integer> cancel) {
        public Decision {
            cancel = List.copyOf(cancel);
        }

        static final Decision NOTHING = new Decision(new Send.None(), List.of());

        public boolean isNothing() {
            return send instanceof Send.None && cancel.isEmpty();
        }
    }

    /** The response to send upstream. */
    public sealed interface Send {
        /** Nothing to send. */
        record None() implements Send {}

        /** Forward the response this branch received, in the server transaction. */
        record Forward(int branch) implements Send {}

        /** Forward this branch's 2xx statelessly: a final response went up already. */
        record ForwardLate(int branch) implements Send {}

        /** Answer with this status of the proxy's own. */
        record Answer(int status, String reason) implements Send {}
    }

    private enum State {
        CALLING,
        PROCEEDING,
        COMPLETED
    }

    private final State[] states;
    private final boolean[] cancelWanted;
    private final int[] finals;
    private final boolean[] synthetic;
    private boolean finalSent;
    private boolean cancelled;

    public ResponseContext(int branches) {
        if (branches < 1) {
            throw new IllegalArgumentException("a response context needs at least one branch");
        }
        states = new State[branches];
        java.util.Arrays.fill(states, State.CALLING);
        cancelWanted = new boolean[branches];
        finals = new int[branches];
        synthetic = new boolean[branches];
    }

    public int branches() {
        return states.length;
    }

    public boolean finalSent() {
        return finalSent;
    }

    /** Whether a final response went up and no branch is still waiting for one. */
    public boolean done() {
        if (!finalSent) {
            return false;
        }
        for (State s : states) {
            if (s != State.COMPLETED) {
                return false;
            }
        }
        return true;
    }

    /** A 1xx on {@code branch}. */
    public Decision provisional(int branch, int status) {
        check(branch, status, 100, 199);
        if (states[branch] == State.COMPLETED) {
            return Decision.NOTHING;
        }
        boolean first = states[branch] == State.CALLING;
        states[branch] = State.PROCEEDING;
        if (cancelWanted[branch]) {
            // The CANCEL held back while the branch was silent goes now; later 1xx change nothing.
            return first ? new Decision(new Send.None(), List.of(branch)) : Decision.NOTHING;
        }
        if (status == 100 || finalSent) {
            return Decision.NOTHING;
        }
        return new Decision(new Send.Forward(branch), List.of());
    }

    /**
     * A final response on {@code branch}; {@code isSynthetic} when the proxy made it up (408 on
     * a timeout, 503 on a transport error), so there is no message to forward.
     */
    public Decision finalResponse(int branch, int status, boolean isSynthetic) {
        check(branch, status, 200, 699);
        if (states[branch] == State.COMPLETED) {
            return Decision.NOTHING;
        }
        states[branch] = State.COMPLETED;
        finals[branch] = status;
        synthetic[branch] = isSynthetic;
        if (status / 100 == 2) {
            if (finalSent) {
                return new Decision(new Send.ForwardLate(branch), List.of());
            }
            finalSent = true;
            return new Decision(new Send.Forward(branch), cancelOthers());
        }
        if (finalSent) {
            return Decision.NOTHING;
        }
        List<Integer> cancel = status / 100 == 6 ? cancelOthers() : List.of();
        if (!allCompleted()) {
            return new Decision(new Send.None(), cancel);
        }
        finalSent = true;
        return new Decision(cancelled ? new Send.Answer(487, "Request Terminated") : best(), cancel);
    }

    /** CANCEL of the proxied INVITE from upstream (§16.10). */
    public Decision cancel() {
        if (finalSent || cancelled) {
            return Decision.NOTHING;
        }
        cancelled = true;
        return new Decision(new Send.None(), cancelOthers());
    }

    /** Nobody answered in time: cancel what is pending and answer now. */
    public Decision ringTimeout() {
        if (finalSent) {
            return Decision.NOTHING;
        }
        finalSent = true;
        List<Integer> cancel = cancelOthers();
        Send send;
        if (cancelled) {
            send = new Send.Answer(487, "Request Terminated");
        } else if (sixHundred() >= 0) {
            send = forwardOrAnswer(sixHundred());
        } else {
            send = new Send.Answer(480, "Temporarily Unavailable");
        }
        return new Decision(send, cancel);
    }

    /** Every branch not yet completed is cancelled now, or when its first 1xx comes. */
    private List<Integer> cancelOthers() {
        List<Integer> now = new ArrayList<>();
        for (int i = 0; i < states.length; i++) {
            if (states[i] == State.COMPLETED || cancelWanted[i]) {
                continue;
            }
            cancelWanted[i] = true;
            if (states[i] == State.PROCEEDING) {
                now.add(i);
            }
        }
        return now;
    }

    private boolean allCompleted() {
        for (State s : states) {
            if (s != State.COMPLETED) {
                return false;
            }
        }
        return true;
    }

    private int sixHundred() {
        for (int i = 0; i < finals.length; i++) {
            if (finals[i] / 100 == 6) {
                return i;
            }
        }
        return -1;
    }

    /** Step 6: the best of the completed branches' final responses. */
    private Send best() {
        int six = sixHundred();
        if (six >= 0) {
            return forwardOrAnswer(six);
        }
        int best = -1;
        for (int i = 0; i < finals.length; i++) {
            if (finals[i] == 0) {
                continue;
            }
            if (best < 0 || rank(finals[i]) < rank(finals[best])) {
                best = i;
            }
        }
        if (finals[best] == 503) {
            return new Send.Answer(500, "Server Internal Error");
        }
        return forwardOrAnswer(best);
    }

    /** Lower is better: the class first, then the 4xx the RFC prefers, then arrival. */
    private static int rank(int status) {
        int preferred = switch (status) {
            case 401, 407, 415, 420, 484 -> 0;
            default -> 1;
        };
        return (status / 100) * 10 + preferred;
    }

    private Send forwardOrAnswer(int branch) {
        if (synthetic[branch]) {
            return new Send.Answer(finals[branch], reason(finals[branch]));
        }
        return new Send.Forward(branch);
    }

    private static String reason(int status) {
        return switch (status) {
            case 408 -> "Request Timeout";
            case 503 -> "Service Unavailable";
            default -> "Failed";
        };
    }

    private void check(int branch, int status, int low, int high) {
        if (branch < 0 || branch >= states.length) {
            throw new IllegalArgumentException("no branch " + branch + " of " + states.length);
        }
        if (status < low || status > high) {
            throw new IllegalArgumentException("status " + status + " outside " + low + ".." + high);
        }
    }
}
