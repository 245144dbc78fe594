package dev.parley.sdp;

/**
 * An SDP body that does not follow RFC 8866 §9, with the 1-based line where parsing stopped
 * and what was wrong there. The SIP edge turns it into {@code 400 Bad Request} with the
 * message in a {@code Warning} header.
 */
public final class SdpParseException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    public SdpParseException(int line, String reason) {
        super("SDP line " + line + ": " + reason);
        this.line = line;
    }

    /** The 1-based line number the problem was found on; 0 for the body as a whole. */
    public int line() {
        return line;
    }
}
