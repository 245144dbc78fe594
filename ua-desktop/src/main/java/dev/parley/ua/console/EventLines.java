package dev.parley.ua.console;

import dev.parley.ua.session.EndReason;
import dev.parley.ua.session.HostAction;
import dev.parley.ua.session.RegistrationState;
import dev.parley.ua.session.RosterMember;
import dev.parley.ua.session.SessionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One console line per session event (empty for events the console does not print). Pure. */
public final class EventLines {
    private EventLines() {}

    public static Optional<String> of(SessionEvent e) {
        if (e instanceof SessionEvent.RegistrationChanged r) {
            return switch (r.state()) {
                case REGISTERED -> Optional.of("registered as " + r.detail());
                case FAILED -> Optional.of("registration failed: " + r.detail());
                case UNREGISTERED -> Optional.of("unregistered");
                case REGISTERING -> Optional.empty();
            };
        }
        if (e instanceof SessionEvent.MeetingJoined j) {
            return Optional.of(
                    j.created() ? "created meeting " + j.id() + " (you are the host)" : "joined meeting " + j.id());
        }
        if (e instanceof SessionEvent.MeetingFailed f) {
            return Optional.of("could not join " + f.target() + ": " + f.reason());
        }
        if (e instanceof SessionEvent.MediaStarted m) {
            return Optional.of(m.kind().name().toLowerCase(Locale.ROOT) + ": " + m.codec() + " with " + m.remote());
        }
        if (e instanceof SessionEvent.MemberJoined j) {
            return Optional.of("member joined: " + describe(j.member()));
        }
        if (e instanceof SessionEvent.MemberLeft l) {
            return Optional.of("member left: " + l.member().name());
        }
        if (e instanceof SessionEvent.MemberUpdated u) {
            return Optional.of("member changed: " + describe(u.after()));
        }
        if (e instanceof SessionEvent.HostActionDone d) {
            return Optional.of(d.action().verb() + " done" + target(d.action()));
        }
        if (e instanceof SessionEvent.HostActionRefused r) {
            return Optional.of(r.action().verb() + " refused: " + r.reason());
        }
        if (e instanceof SessionEvent.ScreenShareChanged c) {
            return Optional.of(c.sharing() ? "sharing your screen" : "stopped sharing your screen");
        }
        if (e instanceof SessionEvent.ScreenShareRefused r) {
            return Optional.of((r.sharing() ? "screen share refused: " : "stop sharing refused: ") + r.reason());
        }
        if (e instanceof SessionEvent.MeetingLeft l) {
            return Optional.of("left meeting " + l.id());
        }
        if (e instanceof SessionEvent.MeetingEnded end) {
            return Optional.of(
                    end.reason() == EndReason.CLOSED_BY_HOST
                            ? "meeting " + end.id() + " closed by host"
                            : "meeting " + end.id() + " ended: " + end.reason().words());
        }
        if (e instanceof SessionEvent.Problem p) {
            return Optional.of("problem: " + p.message());
        }
        return Optional.empty();
    }

    /** {@code Alice (host, muted, video, presenting)}. */
    public static String describe(RosterMember m) {
        List<String> tags = new ArrayList<>();
        if (m.host()) {
            tags.add("host");
        }
        if (m.muted()) {
            tags.add("muted");
        }
        if (m.videoOn()) {
            tags.add("video");
        }
        if (m.presenting()) {
            tags.add("presenting");
        }
        return m.name() + (tags.isEmpty() ? "" : " (" + String.join(", ", tags) + ")");
    }

    /** The member list as one line: {@code 3 members: Alice (host), Bob, Carol}. */
    public static String members(List<RosterMember> members) {
        List<String> names = new ArrayList<>();
        for (RosterMember m : members) {
            names.add(describe(m));
        }
        return members.size() + (members.size() == 1 ? " member: " : " members: ") + String.join(", ", names);
    }

    private static String target(HostAction a) {
        if (a instanceof HostAction.Kick k) {
            return ": " + k.member();
        }
        if (a instanceof HostAction.Mute m) {
            return ": " + m.member();
        }
        return "";
    }

    static boolean registered(SessionEvent e) {
        return e instanceof SessionEvent.RegistrationChanged r && r.state() == RegistrationState.REGISTERED;
    }
}
