package dev.parley.ua.session;

import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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

    /**
     * What a BYE's {@code Reason} header (RFC 3326) says, as Parley's focus writes it: the text
     * names a close or a removal; a timer or media cause is the server's doing.
     */
    public static Optional<EndReason> fromReasonHeader(@Nullable String reason) {
        if (reason == null) {
            return Optional.empty();
        }
        String value = reason.toLowerCase(Locale.ROOT);
        if (value.contains("removed from the meeting")) {
            return Optional.of(KICKED);
        }
        if (value.contains("meeting closed")) {
            return Optional.of(CLOSED_BY_HOST);
        }
        return value.isBlank() ? Optional.empty() : Optional.of(ENDED_BY_SERVER);
    }

    /** In plain words, for the user. */
    public String words() {
        return words;
    }
}
