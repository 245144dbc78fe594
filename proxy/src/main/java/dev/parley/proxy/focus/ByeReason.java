package dev.parley.proxy.focus;

/**
 * Why the focus ends a member's call, sent as the BYE's {@code Reason} header (RFC 3326) so that
 * an agent can tell "the host closed the meeting" from "you were removed" without waiting for the
 * member list. Q.850 cause 16 is normal clearing, 102 recovery on timer expiry; a broken answer
 * carries the SIP status it would have had.
 */
public enum ByeReason {
    CLOSED("Q.850", 16, "Meeting closed by the host"),
    HOST_LEFT("Q.850", 16, "The host left and the meeting closed"),
    KICKED("Q.850", 16, "Removed from the meeting by the host"),
    NO_MEDIA("Q.850", 102, "No media received"),
    SESSION_EXPIRED("Q.850", 102, "Session timer expired"),
    NO_ANSWER("SIP", 488, "No usable answer in the ACK"),
    /** A dial-out rang several phones and another one answered first (RFC 3326's own example). */
    ANSWERED_ELSEWHERE("SIP", 200, "Call completed elsewhere");

    private final String protocol;
    private final int cause;
    private final String text;

    ByeReason(String protocol, int cause, String text) {
        this.protocol = protocol;
        this.cause = cause;
        this.text = text;
    }

    public String protocol() {
        return protocol;
    }

    public int cause() {
        return cause;
    }

    public String text() {
        return text;
    }
}
