package dev.parley.proxy.focus;

import java.util.List;
import java.util.Objects;

/** What the SIP edge and the mixer client must do after a room decision. */
public sealed interface Effect {
    /** Send BYE in this member's dialog, saying why (RFC 3326 Reason). */
    record Bye(MemberId member, ByeReason reason) implements Effect {
        public Bye {
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Stop or resume mixing this member's audio on the mixer. */
    record SetMute(MemberId member, boolean muted) implements Effect {
        public SetMute {
            Objects.requireNonNull(member, "member");
        }
    }

    /**
     * Send a partial NOTIFY (RFC 4575 §4.6) with this version to every subscriber of the room;
     * {@code userCount} and {@code locked} are the room's state at this version.
     */
    record Notify(RoomId room, int version, List<RoomChange> changes, int userCount, boolean locked) implements Effect {
        public Notify {
            Objects.requireNonNull(room, "room");
            changes = List.copyOf(changes);
        }
    }

    /** The room is over: terminate its subscriptions and free its mixer conference. */
    record EndRoom(RoomId room) implements Effect {
        public EndRoom {
            Objects.requireNonNull(room, "room");
        }
    }
}
