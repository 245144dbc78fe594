package dev.parley.ua.control.consent;

import java.time.Instant;
import java.util.Objects;

/** What the edge does after a {@link ControlConsent} event, in the order given. */
public sealed interface ConsentAction {
    /** Ask the user whether {@code from} may control this screen (dialog or console prompt). */
    record Ask(String requestId, String from, Instant deadline) implements ConsentAction {
        public Ask {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /** Take the question away (answered elsewhere, timed out, withdrawn by the caller). */
    record Dismiss(String requestId) implements ConsentAction {
        public Dismiss {
            Objects.requireNonNull(requestId, "requestId");
        }
    }

    /** Answer the INVITE with a final failure: 603 declined, 408 no answer, 486 busy. */
    record Reject(String requestId, int status, String reason) implements ConsentAction {
        public Reject {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The user allowed it: open the input listener, answer 200 with its port, start the screen
     * stream, and show "NAME is controlling your screen — Stop".
     */
    record Start(String requestId, String from) implements ConsentAction {
        public Start {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(from, "from");
        }
    }

    /**
     * Control is over: close the listener (which releases every held key and button), hide the
     * bar, and send BYE when {@code sendBye} (this side ended it).
     */
    record Stop(String requestId, boolean sendBye, String why) implements ConsentAction {
        public Stop {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(why, "why");
        }
    }
}
