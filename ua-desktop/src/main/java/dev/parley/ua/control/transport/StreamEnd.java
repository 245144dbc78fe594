package dev.parley.ua.control.transport;

/** Why an input stream ended; whatever the reason, every held key and button is released. */
public enum StreamEnd {
    /** This side stopped it: BYE sent or received, the Stop button, the hotkey, shutdown. */
    LOCAL_STOP("stopped"),
    /** The peer closed the connection (end of stream). */
    PEER_CLOSED("the other side closed the input connection"),
    /** The connection broke (reset, timeout, the peer's process gone). */
    CONNECTION_LOST("the input connection was lost"),
    /** Too many consecutive frames could not be read: the stream is not HIP or lost its framing. */
    MALFORMED_STREAM("the input stream was malformed");

    private final String text;

    StreamEnd(String text) {
        this.text = text;
    }

    /** Plain words for the user and the log. */
    public String text() {
        return text;
    }
}
