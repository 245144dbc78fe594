package dev.parley.media.rtcp;

import dev.parley.media.DropReason;

/**
 * The one checked exception of the RTCP layer (RFC 3550 §6, RFC 4585, RFC 5104): says what was
 * wrong and where, and carries the {@link DropReason} the edge counts.
 */
public final class RtcpFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final DropReason reason;

    public RtcpFormatException(DropReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The drop reason under which the edge counts this packet. */
    public DropReason reason() {
        return reason;
    }
}
