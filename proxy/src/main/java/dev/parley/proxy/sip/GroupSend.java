package dev.parley.proxy.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/** Sending one forking group's branches, for the proxy's calls and the focus's dial-outs alike. */
final class GroupSend {
    private GroupSend() {}

    /**
     * Sends every branch of a group in turn and returns the ones that could not be sent, in order.
     * The caller completes those (as 503) only afterwards, so that no failure decides the group
     * before all its branches went out.
     */
    static List<Integer> unsent(List<Integer> branches, IntPredicate send) {
        List<Integer> failed = new ArrayList<>();
        for (int i : branches) {
            if (!send.test(i)) {
                failed.add(i);
            }
        }
        return failed;
    }
}
