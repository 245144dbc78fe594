package dev.parley.ua.session;

import dev.parley.sdp.negotiation.MediaKind;
import java.util.Objects;

/**
 * What a {@link Session} tells its {@link SessionListener}. Every failure carries its reason in
 * plain words (wrong password, meeting not found, no common codec, the meeting is locked),
 * never a stack trace.
 */
public sealed interface SessionEvent {
    /** The registration changed: {@code detail} says how, e.g. {@code sip:alice@localhost for 600 s} or {@code wrong password}. */
    record RegistrationChanged(RegistrationState state, String detail) implements SessionEvent {
        public RegistrationChanged {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** This agent is in meeting {@code id} ({@code uri} is the focus), as its creator (host) or by joining. */
    record MeetingJoined(String id, String uri, boolean created) implements SessionEvent {
        public MeetingJoined {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(uri, "uri");
        }
    }

    /** Creating or joining failed; {@code status} is the SIP status (0 when none came), {@code reason} in plain words. */
    record MeetingFailed(String target, int status, String reason) implements SessionEvent {
        public MeetingFailed {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** One negotiated stream started: its kind, codec (e.g. {@code opus/48000/2}) and where it is sent. */
    record MediaStarted(MediaKind kind, String codec, String remote) implements SessionEvent {
        public MediaStarted {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(remote, "remote");
        }
    }

    /** The whole member list after a NOTIFY; the events below say what changed in it. */
    record RosterChanged(Roster roster) implements SessionEvent {
        public RosterChanged {
            Objects.requireNonNull(roster, "roster");
        }
    }

    record MemberJoined(RosterMember member) implements SessionEvent {
        public MemberJoined {
            Objects.requireNonNull(member, "member");
        }
    }

    record MemberLeft(RosterMember member) implements SessionEvent {
        public MemberLeft {
            Objects.requireNonNull(member, "member");
        }
    }

    /** A member's role, mute or media changed. */
    record MemberUpdated(RosterMember before, RosterMember after) implements SessionEvent {
        public MemberUpdated {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }
    }

    /** The focus carried out a host action (200 to the INFO). */
    record HostActionDone(HostAction action) implements SessionEvent {
        public HostActionDone {
            Objects.requireNonNull(action, "action");
        }
    }

    /** The focus refused a host action, e.g. 403 {@code Only the host may do that}; nothing changed. */
    record HostActionRefused(HostAction action, int status, String reason) implements SessionEvent {
        public HostActionRefused {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The focus took this agent's screen share (re-INVITE answered 200), or its end. */
    record ScreenShareChanged(boolean sharing) implements SessionEvent {}

    /**
     * The focus refused to start (or stop) this agent's screen share, e.g. 403 with {@code Bob is
     * already presenting}; the call goes on as it was.
     */
    record ScreenShareRefused(boolean sharing, int status, String reason) implements SessionEvent {
        public ScreenShareRefused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** This agent left the meeting (its BYE). */
    record MeetingLeft(String id) implements SessionEvent {
        public MeetingLeft {
            Objects.requireNonNull(id, "id");
        }
    }

    /** The focus ended this agent's part in the meeting (its BYE), for {@code reason}. */
    record MeetingEnded(String id, EndReason reason) implements SessionEvent {
        public MeetingEnded {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Something went wrong that is not one of the above (a device, the network), in plain words. */
    record Problem(String message) implements SessionEvent {
        public Problem {
            Objects.requireNonNull(message, "message");
        }
    }

    /** The session stopped: no event follows. */
    record Closed() implements SessionEvent {}
}
