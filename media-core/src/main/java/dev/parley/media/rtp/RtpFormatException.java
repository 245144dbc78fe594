package dev.parley.media.rtp;

import dev.parley.media.DropReason;

/**
 * The one checked exception of the RTP layer (RFC 3550 §5, RFC 8285): says what was wrong and
 * where, and carries the {@link DropReason} the edge counts.
 */
public final class RtpFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final DropReason reason;

    public RtpFormatException(DropReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** The drop reason under which the edge counts this packet. */
    public DropReason reason() {
        return reason;
    }
}
