package dev.parley.registrar.location;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the registrar answers to one REGISTER. */
public sealed interface RegisterDecision {
    /**
     * 200 OK listing {@code bindings} (all current bindings of the AOR, highest q first); the
     * store writes {@code upserts} and deletes {@code removedKeys} in one transaction first.
     * {@code flowTimer} is present when the request registered with SIP Outbound: the 200 then
     * carries {@code Require: outbound} and {@code Flow-Timer} (RFC 5626 §6, §10.2).
     * {@code addedKeys} are the upserts' keys that were not bound before (the rest refresh).
     */
    record Accepted(
            String aor,
            List<Binding> bindings,
            List<Binding> upserts,
            List<String> removedKeys,
            List<String> addedKeys,
            Optional<Duration> flowTimer)
            implements RegisterDecision {
        public Accepted {
            bindings = List.copyOf(bindings);
            upserts = List.copyOf(upserts);
            removedKeys = List.copyOf(removedKeys);
            addedKeys = List.copyOf(addedKeys);
        }

        /** Whether the AOR's set of contacts changed, rather than only their expiries. */
        public boolean changesContacts() {
            return !addedKeys.isEmpty() || !removedKeys.isEmpty();
        }
    }

    /**
     * A failure response; {@code minExpires} is set for 423 (RFC 3261 §10.3 step 7), and
     * {@code unsupported} lists the option tags for 420.
     */
    record Rejected(int status, String reason, Optional<Duration> minExpires, List<String> unsupported)
            implements RegisterDecision {
        public Rejected {
            if (status < 300 || status > 699) {
                throw new IllegalArgumentException("a rejection is a 3xx-6xx status, got " + status);
            }
            unsupported = List.copyOf(unsupported);
        }

        static Rejected of(int status, String reason) {
            return new Rejected(status, reason, Optional.empty(), List.of());
        }
    }
}
