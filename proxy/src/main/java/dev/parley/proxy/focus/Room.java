package dev.parley.proxy.focus;

import dev.parley.sdp.negotiation.MediaKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One meeting's state machine: members in join order, one host, at most one presenter, the lock, and the
 * conference-info version (RFC 4575 §4.6: one more for every change). Events in, an
 * {@link Outcome} out; nothing here touches SIP or the mixer. Not thread-safe: its
 * {@link Focus} serialises every call.
 */
final class Room {
    private final RoomId id;
    private final HostLeavePolicy hostLeave;
    private final Map<MemberId, Member> members = new LinkedHashMap<>();
    private boolean locked;
    private int version;
    private boolean ended;

    Room(RoomId id, HostLeavePolicy hostLeave) {
        this.id = id;
        this.hostLeave = hostLeave;
    }

    RoomState state() {
        return new RoomState(id, locked, version, List.copyOf(members.values()));
    }

    boolean ended() {
        return ended;
    }

    /** The first member becomes host; later ones participants. A locked room refuses with 403. */
    Outcome join(Member joining, Instant now) {
        if (members.containsKey(joining.id())) {
            return Outcome.refused(482, "Already in this meeting");
        }
        if (locked) {
            return Outcome.refused(403, "Meeting is locked");
        }
        Optional<Outcome> busy = presenterBusy(joining.id(), joining.media());
        if (busy.isPresent()) {
            return busy.get();
        }
        Member m = joining.withRole(members.isEmpty() ? Role.HOST : Role.PARTICIPANT)
                .withJoinedAt(now);
        members.put(m.id(), m);
        return Outcome.ok(List.of(notify(new RoomChange.Joined(m))));
    }

    /** BYE from the member, or the reaper's verdict on one who vanished. */
    Outcome leave(MemberId who) {
        Member gone = members.remove(who);
        if (gone == null) {
            return Outcome.refused(481, "Not in this meeting");
        }
        List<Effect> effects = new ArrayList<>();
        if (members.isEmpty()) {
            ended = true;
            effects.add(new Effect.EndRoom(id));
            return Outcome.ok(effects);
        }
        if (gone.isHost() && hostLeave == HostLeavePolicy.CLOSE) {
            return close(effects, ByeReason.HOST_LEFT);
        }
        List<RoomChange> changes = new ArrayList<>(2);
        changes.add(new RoomChange.Left(gone));
        if (gone.isHost()) {
            Member next = members.values().iterator().next().withRole(Role.HOST);
            members.put(next.id(), next);
            changes.add(new RoomChange.Updated(next));
        }
        effects.add(notify(changes));
        return Outcome.ok(effects);
    }

    /** A host command; anyone else gets 403 and nothing changes. */
    Outcome control(MemberId by, Control command) {
        Member actor = members.get(by);
        if (actor == null) {
            return Outcome.refused(403, "Not a member of this meeting");
        }
        if (!actor.isHost()) {
            return Outcome.refused(403, "Only the host may do that");
        }
        if (command instanceof Control.Close) {
            return close(new ArrayList<>(), ByeReason.CLOSED);
        }
        if (command instanceof Control.Lock lock) {
            if (locked == lock.locked()) {
                return Outcome.ok(List.of());
            }
            locked = lock.locked();
            return Outcome.ok(List.of(notify(new RoomChange.Locked(locked))));
        }
        if (command instanceof Control.Kick kick) {
            Optional<Member> target = byUri(kick.memberUri());
            if (target.isEmpty()) {
                return Outcome.refused(404, "No such member: " + kick.memberUri());
            }
            Outcome left = leave(target.get().id());
            List<Effect> effects = new ArrayList<>();
            effects.add(new Effect.Bye(target.get().id(), ByeReason.KICKED));
            effects.addAll(left.effects());
            return Outcome.ok(effects);
        }
        Control.Mute mute = (Control.Mute) command;
        return setMuted(mute.memberUri(), mute.muted());
    }

    /** {@code *6} from a softphone: toggle one's own mute, whoever one is. */
    Outcome toggleSelfMute(MemberId who) {
        Member m = members.get(who);
        if (m == null) {
            return Outcome.refused(481, "Not in this meeting");
        }
        return setMuted(m.userUri(), !m.muted());
    }

    /** New streams or SSRCs after a re-INVITE. */
    Outcome updateMedia(MemberId who, List<MemberMedia> media) {
        Member m = members.get(who);
        if (m == null) {
            return Outcome.refused(481, "Not in this meeting");
        }
        if (m.media().equals(media)) {
            return Outcome.ok(List.of());
        }
        Optional<Outcome> busy = presenterBusy(who, media);
        if (busy.isPresent()) {
            return busy.get();
        }
        Member updated = m.withMedia(media);
        members.put(who, updated);
        return Outcome.ok(List.of(notify(new RoomChange.Updated(updated))));
    }

    private Outcome setMuted(String memberUri, boolean muted) {
        Optional<Member> target = byUri(memberUri);
        if (target.isEmpty()) {
            return Outcome.refused(404, "No such member: " + memberUri);
        }
        if (target.get().muted() == muted) {
            return Outcome.ok(List.of());
        }
        Member updated = target.get().withMuted(muted);
        members.put(updated.id(), updated);
        return Outcome.ok(List.of(new Effect.SetMute(updated.id(), muted), notify(new RoomChange.Updated(updated))));
    }

    private Outcome close(List<Effect> effects, ByeReason reason) {
        for (MemberId m : members.keySet()) {
            effects.add(new Effect.Bye(m, reason));
        }
        members.clear();
        ended = true;
        effects.add(new Effect.EndRoom(id));
        return Outcome.ok(effects);
    }

    /**
     * One presenter at a time: {@code media} that send slides while someone else does are
     * refused with 403 naming the presenter (nothing changes); the presenter stopping or leaving
     * frees the floor.
     */
    private Optional<Outcome> presenterBusy(MemberId who, List<MemberMedia> media) {
        if (!presents(media)) {
            return Optional.empty();
        }
        return members.values().stream()
                .filter(other -> !other.id().equals(who) && presents(other.media()))
                .findFirst()
                .map(p -> Outcome.refused(403, p.displayName() + " is already presenting"));
    }

    /** True when these media send a screen share: a slides stream the member sends on. */
    static boolean presents(List<MemberMedia> media) {
        return media.stream()
                .anyMatch(x -> x.kind() == MediaKind.SLIDES && x.status().sends());
    }

    private Optional<Member> byUri(String uri) {
        return members.values().stream().filter(m -> m.userUri().equals(uri)).findFirst();
    }

    private Effect notify(RoomChange change) {
        return notify(List.of(change));
    }

    private Effect notify(List<RoomChange> changes) {
        version++;
        return new Effect.Notify(id, version, changes, members.size(), locked);
    }
}
