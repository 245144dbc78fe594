package dev.parley.proxy.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The response context of one proxied request (RFC 3261 §16.7): which branches to start, which
 * responses go upstream, which branches to CANCEL, and the best final response once every
 * branch is done. Events in, {@link Decision}s out; it sends nothing itself.
 *
 * <p>Branches come in groups tried one after another (§16.6: "the proxy can wait until the
 * current set completes"): the contacts of one q-value ring in parallel, a lower q only when the
 * higher one ended without a 2xx or 6xx ({@link Advance#ON_ANY_FAILURE}, serial forking as
 * Kamailio's {@code t_next_contacts}); or the servers RFC 3263 found for a host, the next only
 * when the last one could not be reached, timed out or answered 503 ({@link
 * Advance#ON_UNREACHABLE}, RFC 3263 §4.3). A group ends when each of its branches completed or
 * was given up on: its ring time ran out ({@link #ringTimeout}) or Timer C fired while it rang
 * ({@link #timerC}); such a branch is cancelled and its final response counts as 408.
 *
 * <p>Rules: provisional responses other than 100 are forwarded until a final one was sent
 * (step 5); a 2xx is forwarded at once and every other branch is cancelled, and a later 2xx
 * is forwarded too (statelessly, RFC 6026 §7.2); a 6xx cancels the other branches, ends the
 * search and wins; otherwise, once all branches completed, the lowest class wins, preferring
 * 401, 407, 415, 420 and 484 among the 4xx, and a chosen 503 goes up as 500 (step 6). CANCEL
 * from upstream (§16.10) cancels every pending branch and ends in 487; the last group's ring
 * timeout ends in 480 (487 after a CANCEL, the 6xx when one came). A branch that never sent a
 * provisional response is not cancelled at once (§9.1): its CANCEL goes out when its first
 * provisional response comes.
 *
 * <p>Not thread-safe: the glue calls it under one lock per proxied request.
 */
public final class ResponseContext {
    /** What the glue does after an event: at most one response upstream, then CANCELs, then new branches. */
    public record Decision(Send send, List<Integer> cancel, List<Integer> start) {
        public Decision {
            cancel = List.copyOf(cancel);
            start = List.copyOf(start);
        }

        public Decision(Send send, List<Integer> cancel) {
            this(send, cancel, List.of());
        }

        static final Decision NOTHING = new Decision(new Send.None(), List.of());

        public boolean isNothing() {
            return send instanceof Send.None && cancel.isEmpty() && start.isEmpty();
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

    /** When the next group of branches starts. */
    public enum Advance {
        /** After every branch of the group failed (no 2xx, no 6xx): serial forking by q. */
        ON_ANY_FAILURE,
        /** Only when the group could not be reached, timed out or was 503: RFC 3263 failover. */
        ON_UNREACHABLE
    }

    private enum State {
        WAITING,
        CALLING,
        PROCEEDING,
        COMPLETED
    }

    private final State[] states;
    private final int[] groupOf;
    private final int[] groupStart;
    private final Advance advance;
    private final boolean[] cancelWanted;
    private final boolean[] givenUp;
    private final int[] finals;
    private final boolean[] synthetic;
    private int group = -1;
    private boolean finalSent;
    private boolean cancelled;
    private boolean searchOver;

    /** One group: every branch at once. */
    public ResponseContext(int branches) {
        this(List.of(branches), Advance.ON_ANY_FAILURE);
    }

    /** Groups of branches tried in this order (sizes, each at least 1); branches are numbered across them. */
    public ResponseContext(List<Integer> groups, Advance advance) {
        int total = 0;
        for (int size : groups) {
            if (size < 1) {
                throw new IllegalArgumentException("a group needs at least one branch, got " + size);
            }
            total += size;
        }
        if (total < 1) {
            throw new IllegalArgumentException("a response context needs at least one branch");
        }
        this.advance = advance;
        states = new State[total];
        Arrays.fill(states, State.WAITING);
        groupOf = new int[total];
        groupStart = new int[groups.size() + 1];
        for (int g = 0, i = 0; g < groups.size(); g++) {
            groupStart[g] = i;
            for (int k = 0; k < groups.get(g); k++) {
                groupOf[i++] = g;
            }
            groupStart[g + 1] = i;
        }
        cancelWanted = new boolean[total];
        givenUp = new boolean[total];
        finals = new int[total];
        synthetic = new boolean[total];
    }

    public int branches() {
        return states.length;
    }

    /** The group now ringing (0 first); -1 before {@link #start}. */
    public int group() {
        return group;
    }

    public boolean finalSent() {
        return finalSent;
    }

    /** Whether this branch has its final response (or never will be started). */
    public boolean completed(int branch) {
        return states[branch] == State.COMPLETED;
    }

    /** Whether a final response went up and no branch is still waiting for one. */
    public boolean done() {
        return finalSent && allCompleted();
    }

    /** The first group's branches: send them. */
    public Decision start() {
        if (group >= 0) {
            return Decision.NOTHING;
        }
        return new Decision(new Send.None(), List.of(), nextGroup());
    }

    /** A 1xx on {@code branch}. */
    public Decision provisional(int branch, int status) {
        check(branch, status, 100, 199);
        if (states[branch] == State.COMPLETED || states[branch] == State.WAITING) {
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
        if (states[branch] == State.COMPLETED || states[branch] == State.WAITING) {
            return Decision.NOTHING;
        }
        states[branch] = State.COMPLETED;
        if (givenUp[branch] && status / 100 != 2) {
            // Cancelled because its time ran out (§16.8): its 487 counts as a timeout.
            status = 408;
            isSynthetic = true;
        }
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
        return settle(cancel);
    }

    /** CANCEL of the proxied INVITE from upstream (§16.10). */
    public Decision cancel() {
        if (finalSent || cancelled) {
            return Decision.NOTHING;
        }
        cancelled = true;
        return new Decision(new Send.None(), cancelOthers());
    }

    /**
     * Group {@code ringing} rang its time and nobody answered: its branches are cancelled and the
     * next group starts; after the last group, every pending branch is cancelled and the caller
     * gets 480 now. A timer of a group that already ended changes nothing.
     */
    public Decision ringTimeout(int ringing) {
        if (finalSent || ringing != group) {
            return Decision.NOTHING;
        }
        if (!searchOver && hasNextGroup()) {
            List<Integer> cancel = new ArrayList<>();
            for (int i = groupStart[group]; i < groupStart[group + 1]; i++) {
                cancel.addAll(giveUp(i));
            }
            return settle(cancel);
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

    /**
     * Timer C of {@code branch} fired (§16.8): a branch that rang is cancelled and counts as 408
     * when its final response comes; one that never sent a provisional response, or that was
     * given up on already and still has no final response, completes with 408 now.
     */
    public Decision timerC(int branch) {
        if (states[branch] == State.COMPLETED || states[branch] == State.WAITING) {
            return Decision.NOTHING;
        }
        if (states[branch] == State.CALLING || givenUp[branch]) {
            return finalResponse(branch, 408, true);
        }
        List<Integer> cancel = giveUp(branch);
        return finalSent ? new Decision(new Send.None(), cancel) : settle(cancel);
    }

    /** Marks a pending branch given up: cancelled now if it rang, else at its first 1xx. */
    private List<Integer> giveUp(int branch) {
        if (states[branch] == State.COMPLETED || givenUp[branch]) {
            return List.of();
        }
        givenUp[branch] = true;
        if (cancelWanted[branch]) {
            return List.of();
        }
        cancelWanted[branch] = true;
        return states[branch] == State.PROCEEDING ? List.of(branch) : List.of();
    }

    /**
     * After a branch ended without a 2xx: the next group when this one is over and may be left,
     * else the best final response when every branch completed, else wait.
     */
    private Decision settle(List<Integer> cancel) {
        if (!searchOver && !cancelled && groupOver() && hasNextGroup() && mayAdvance()) {
            return new Decision(new Send.None(), cancel, nextGroup());
        }
        if (anyPending()) {
            return new Decision(new Send.None(), cancel);
        }
        skipWaiting();
        finalSent = true;
        return new Decision(cancelled ? new Send.Answer(487, "Request Terminated") : best(), cancel);
    }

    private boolean anyPending() {
        for (State s : states) {
            if (s == State.CALLING || s == State.PROCEEDING) {
                return true;
            }
        }
        return false;
    }

    private List<Integer> nextGroup() {
        group++;
        List<Integer> start = new ArrayList<>();
        for (int i = groupStart[group]; i < groupStart[group + 1]; i++) {
            states[i] = State.CALLING;
            start.add(i);
        }
        return start;
    }

    private boolean hasNextGroup() {
        return group + 1 < groupStart.length - 1;
    }

    /** Whether every branch of the current group completed or was given up on. */
    private boolean groupOver() {
        for (int i = groupStart[group]; i < groupStart[group + 1]; i++) {
            if (states[i] != State.COMPLETED && !givenUp[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean mayAdvance() {
        if (advance == Advance.ON_ANY_FAILURE) {
            return true;
        }
        for (int i = groupStart[group]; i < groupStart[group + 1]; i++) {
            if (states[i] == State.COMPLETED && !synthetic[i] && finals[i] != 503 && finals[i] != 408) {
                return false;
            }
        }
        return true;
    }

    /** Groups not started yet never will be: they count as completed, with no response. */
    private void skipWaiting() {
        for (int i = 0; i < states.length; i++) {
            if (states[i] == State.WAITING) {
                states[i] = State.COMPLETED;
            }
        }
    }

    /** Every started branch not yet completed is cancelled now, or when its first 1xx comes; the search ends. */
    private List<Integer> cancelOthers() {
        searchOver = true;
        skipWaiting();
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
