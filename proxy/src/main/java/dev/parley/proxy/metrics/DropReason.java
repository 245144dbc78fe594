package dev.parley.proxy.metrics;

/** Why an incoming SIP message got no processing; each is a counter in {@code /metrics}. */
public enum DropReason {
    /** The stack could not parse the message at all (garbage, truncated, no start line). */
    UNPARSEABLE,
    /** A header failed to parse; the stack answered 400 when it could, else dropped. */
    BAD_HEADER,
    /** Larger than the stack's maximum message size. */
    TOO_LARGE,
    /** A response that matches no transaction of ours. */
    STRAY_RESPONSE,
    /** A request the stack rejected before the listener saw it (for example a bad Via). */
    REJECTED_BY_STACK
}
