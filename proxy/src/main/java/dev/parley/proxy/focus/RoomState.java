package dev.parley.proxy.focus;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A room as seen from outside at one version: what a full NOTIFY and {@code parley conf list} show. */
public record RoomState(RoomId id, boolean locked, int version, List<Member> members) {
    public RoomState {
        Objects.requireNonNull(id, "id");
        members = List.copyOf(members);
    }

    public Optional<Member> host() {
        return members.stream().filter(Member::isHost).findFirst();
    }

    /** The member sharing its screen (at most one: {@link Room} refuses a second). */
    public Optional<Member> presenter() {
        return members.stream().filter(m -> Room.presents(m.media())).findFirst();
    }

    public Optional<Member> member(MemberId member) {
        return members.stream().filter(m -> m.id().equals(member)).findFirst();
    }
}
