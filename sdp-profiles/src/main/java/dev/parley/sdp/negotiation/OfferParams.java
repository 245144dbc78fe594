package dev.parley.sdp.negotiation;

import dev.parley.sdp.Origin;
import java.util.Map;
import java.util.Objects;

/** What an offerer adds to a profile to write its offer: origin, name, address, and its streams by kind. */
public record OfferParams(Origin origin, String sessionName, String address, Map<MediaKind, LocalStream> streams) {
    public OfferParams {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(address, "address");
        streams = Map.copyOf(streams);
    }
}
