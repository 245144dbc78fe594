package dev.parley.proxy.routing;

import java.util.List;
import java.util.OptionalInt;

/**
 * The request checks of RFC 3261 §16.3 that come before forwarding: Max-Forwards (step 3) and
 * loop detection (step 4).
 */
public final class HopCheck {
    /** What to do with a request that is to be forwarded. */
    public enum Verdict {
        FORWARD,
        /** Max-Forwards 0 on OPTIONS: answer it as its final recipient (§11). */
        ANSWER_OPTIONS,
        /** 483 Too Many Hops. */
        TOO_MANY_HOPS,
        /** 482 Loop Detected. */
        LOOP
    }

    private HopCheck() {}

    /**
     * @param maxForwards the Max-Forwards value, empty when the header is missing (passes)
     * @param ourBranches the branch parameters of the request's Via headers that carry this
     *     proxy's sent-by
     * @param loopHash this request's {@link LoopHash}
     */
    public static Verdict check(String method, OptionalInt maxForwards, List<String> ourBranches, String loopHash) {
        if (maxForwards.isPresent() && maxForwards.getAsInt() <= 0) {
            return "OPTIONS".equals(method) ? Verdict.ANSWER_OPTIONS : Verdict.TOO_MANY_HOPS;
        }
        for (String branch : ourBranches) {
            if (LoopHash.of(branch).map(loopHash::equals).orElse(false)) {
                return Verdict.LOOP;
            }
        }
        return Verdict.FORWARD;
    }

    /** Max-Forwards of the forwarded copy (§16.6 step 3): one less, or 70 when there was none. */
    public static int decrement(OptionalInt maxForwards) {
        return maxForwards.isPresent() ? maxForwards.getAsInt() - 1 : 70;
    }
}
