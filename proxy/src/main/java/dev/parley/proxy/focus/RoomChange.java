package dev.parley.proxy.focus;

import java.util.Objects;

/** One change to a room's state, as a partial conference-info document carries it (RFC 4575 §4.6). */
public sealed interface RoomChange {
    /** A user element with {@code state="full"}. */
    record Joined(Member member) implements RoomChange {
        public Joined {
            Objects.requireNonNull(member, "member");
        }
    }

    /** A user element with {@code state="deleted"}. */
    record Left(Member member) implements RoomChange {
        public Left {
            Objects.requireNonNull(member, "member");
        }
    }

    /** A user element with {@code state="partial"}: role, mute or media changed. */
    record Updated(Member member) implements RoomChange {
        public Updated {
            Objects.requireNonNull(member, "member");
        }
    }

    /** The conference-state {@code <locked>} element changed. */
    record Locked(boolean locked) implements RoomChange {}
}
