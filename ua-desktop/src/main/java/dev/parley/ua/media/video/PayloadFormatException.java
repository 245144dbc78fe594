package dev.parley.ua.media.video;

/**
 * The one checked exception of the video payload layer (RFC 6184, RFC 7741): says what was
 * wrong and where. The receiver counts it as a lost frame and asks for a key frame.
 */
public final class PayloadFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public PayloadFormatException(String message) {
        super(message);
    }
}
