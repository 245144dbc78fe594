package dev.parley.mixer.net;

/** A control request named a conference or endpoint the mixer does not have (HTTP 404). */
public final class UnknownIdException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnknownIdException(String message) {
        super(message);
    }

    /** The message, never null: every constructor takes one. */
    @Override
    public String getMessage() {
        return String.valueOf(super.getMessage());
    }
}
