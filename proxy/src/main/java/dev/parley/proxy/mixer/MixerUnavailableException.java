package dev.parley.proxy.mixer;

/** The mixer did not answer, or refused: SIP turns it into 503 with Retry-After. */
public final class MixerUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public MixerUnavailableException(String message) {
        super(message);
    }

    public MixerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
