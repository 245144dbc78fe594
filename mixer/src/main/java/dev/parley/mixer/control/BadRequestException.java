package dev.parley.mixer.control;

/** A control request the mixer refuses (HTTP 400), naming the JSON field that is wrong. */
public final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;

    public BadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field's JSON path, for example {@code formats[1].payloadType}. */
    public String field() {
        return field;
    }

    /** The message, never null: every constructor takes one. */
    @Override
    public String getMessage() {
        return String.valueOf(super.getMessage());
    }
}
