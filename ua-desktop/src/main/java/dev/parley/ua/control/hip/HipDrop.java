package dev.parley.ua.control.hip;

/**
 * Why the controlled side dropped an input frame instead of injecting it, counted per reason
 * (STYLE habit 4). The decoder never throws: every bad frame lands on one of these.
 */
public enum HipDrop {
    /** Not an RTP packet: too short, wrong version, CSRC/extension/padding overrun (RFC 3550 §5.1). */
    RTP_MALFORMED,
    /** An RTP payload type other than the negotiated {@code hip/90000} one. */
    WRONG_PAYLOAD_TYPE,
    /** Payload shorter than the 4-byte common remoting/HIP header (§5.1.2). */
    TOO_SHORT,
    /** A Msg Type outside Table 3 (121–127); the draft lets the host ignore it. */
    UNKNOWN_TYPE,
    /** A payload whose length is not the one its message type defines. */
    WRONG_LENGTH,
    /** A WindowID other than 0: Parley shares the whole screen as window 0. */
    UNKNOWN_WINDOW,
    /** A mouse button value outside 1–3 (§6.2). */
    UNKNOWN_BUTTON,
    /** A point at or past the controlled screen's width or height. */
    OUTSIDE_SCREEN,
    /** A key code of 0 or negative: no Java virtual key. */
    BAD_KEY_CODE,
    /** KeyTyped text that is not well-formed UTF-8 (§6.8). */
    BAD_UTF8,
    /** KeyTyped with no text. */
    EMPTY_TEXT,
    /** The injector could not act on a well-formed message (a key this keyboard does not have). */
    NOT_INJECTABLE
}
