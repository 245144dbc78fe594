package dev.parley.proxy.focus;

import java.util.Objects;

/**
 * A host's command in the {@code conference-control} Info Package (RFC 6086): the JSON
 * {@code {"action":"kick","member":"sip:bob@example.com"}} and the DTMF menu both become one.
 */
public sealed interface Control {
    /** BYE everyone and end the room. */
    record Close() implements Control {}

    /** Remove one member, named by AOR. */
    record Kick(String memberUri) implements Control {
        public Kick {
            Objects.requireNonNull(memberUri, "memberUri");
        }
    }

    /** Stop or resume mixing one member's audio. */
    record Mute(String memberUri, boolean muted) implements Control {
        public Mute {
            Objects.requireNonNull(memberUri, "memberUri");
        }
    }

    /** Refuse (or again admit) new joins with 403. */
    record Lock(boolean locked) implements Control {}
}
