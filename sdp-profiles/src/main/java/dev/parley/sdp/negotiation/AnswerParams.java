package dev.parley.sdp.negotiation;

import dev.parley.sdp.Origin;
import java.util.Map;
import java.util.Objects;

/**
 * What the answerer adds to a negotiation to write its answer: its origin line (a new
 * version for every new description, RFC 3264 §8), session name, media address, and the
 * local side of each accepted stream by the index of its offered media section.
 */
public record AnswerParams(Origin origin, String sessionName, String address, Map<Integer, LocalStream> streams) {
    public AnswerParams {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(address, "address");
        streams = Map.copyOf(streams);
    }
}
