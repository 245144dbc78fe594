package dev.parley.registrar.store;

/** The account or binding store failed: the database is unreachable or refused a statement. */
public final class StoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
