package dev.parley.sdp;

import java.util.List;
import java.util.Objects;

/**
 * A {@code t=} line with its {@code r=} lines (RFC 8866 §5.9, §5.10). Times are NTP seconds
 * kept as written; SIP sessions use {@code t=0 0}.
 */
public record Timing(String start, String stop, List<String> repeats) {
    public Timing {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(stop, "stop");
        repeats = List.copyOf(repeats);
    }

    /** {@code t=0 0}: an unbounded session, as RFC 3264 §5 asks for. */
    public static Timing unbounded() {
        return new Timing("0", "0", List.of());
    }
}
