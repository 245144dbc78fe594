package dev.parley.sdp.negotiation;

/** Why a media section is answered with port 0 (RFC 3264 §6). */
public enum Rejection {
    DISABLED("disabled with port 0"),
    UNSUPPORTED_MEDIA("no such media here"),
    UNSUPPORTED_TRANSPORT("transport not supported"),
    NO_COMMON_CODEC("no common codec"),
    NO_COMMON_CRYPTO("no common SRTP crypto suite"),
    SURPLUS_STREAM("only one stream of this kind per session");

    private final String text;

    Rejection(String text) {
        this.text = text;
    }

    /** Plain words, fit for a SIP {@code Warning} header. */
    public String text() {
        return text;
    }
}
