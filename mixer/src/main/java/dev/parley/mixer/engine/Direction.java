package dev.parley.mixer.engine;

/**
 * The negotiated direction of an endpoint's stream, from the endpoint's side as its SDP says it
 * (RFC 3264 §6.1): {@code sendonly} means the endpoint sends and the mixer sends it nothing.
 */
public enum Direction {
    SENDRECV,
    SENDONLY,
    RECVONLY,
    INACTIVE;

    /** True when the endpoint sends media to the mixer. */
    public boolean endpointSends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** True when the mixer may send media to the endpoint. */
    public boolean endpointReceives() {
        return this == SENDRECV || this == RECVONLY;
    }
}
