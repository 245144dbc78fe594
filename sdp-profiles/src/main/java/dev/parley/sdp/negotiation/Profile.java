package dev.parley.sdp.negotiation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A named set of stream capabilities: what one kind of Parley party can send and receive. */
public record Profile(String name, List<StreamSpec> streams) {
    public Profile {
        Objects.requireNonNull(name, "name");
        streams = List.copyOf(streams);
    }

    /** The capability for one kind of stream; empty when this profile does not take it. */
    public Optional<StreamSpec> stream(MediaKind kind) {
        for (StreamSpec s : streams) {
            if (s.kind() == kind) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
