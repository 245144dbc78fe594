package dev.parley.proxy.sip;

/** A request that parsed but cannot be processed as sent; the edge answers with the status. */
final class BadRequestException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String reason;

    BadRequestException(int status, String reason) {
        super(status + " " + reason);
        this.status = status;
        this.reason = reason;
    }

    String reason() {
        return reason;
    }

    int status() {
        return status;
    }
}
