package dev.parley.proxy.focus;

import java.util.List;
import java.util.Objects;

/**
 * A room's answer to one request: the SIP status for the request itself (200, 403, 404…),
 * a reason phrase fit for the response, and the effects to carry out.
 */
public record Outcome(int status, String reason, List<Effect> effects) {
    public Outcome {
        Objects.requireNonNull(reason, "reason");
        effects = List.copyOf(effects);
    }

    static Outcome ok(List<Effect> effects) {
        return new Outcome(200, "OK", effects);
    }

    static Outcome refused(int status, String reason) {
        return new Outcome(status, reason, List.of());
    }

    public boolean isOk() {
        return status / 100 == 2;
    }
}
