package dev.parley.ua.session;

/** Why the focus ended this agent's part in a meeting (its BYE). */
public enum EndReason {
    /** The host closed the meeting (the member list subscription ended with {@code noresource}). */
    CLOSED_BY_HOST("the host closed the meeting"),
    /** The host removed this member (the member list showed it deleted). */
    KICKED("the host removed you from the meeting"),
    /** The focus hung up for a reason it did not say. */
    ENDED_BY_SERVER("the server ended the call");

    private final String words;

    EndReason(String words) {
        this.words = words;
    }

    /** In plain words, for the user. */
    public String words() {
        return words;
    }
}
