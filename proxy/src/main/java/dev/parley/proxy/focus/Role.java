package dev.parley.proxy.focus;

/** RFC 4575 §5.6.2 roles a Parley member can have; the host may close, kick, mute and lock. */
public enum Role {
    HOST("host"),
    PARTICIPANT("participant");

    private final String token;

    Role(String token) {
        this.token = token;
    }

    /** The {@code <roles><entry>} value. */
    public String token() {
        return token;
    }
}
