package dev.parley.proxy.focus;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A participant in a room: who (the AOR and display name), where (the endpoint's contact),
 * the role, when they joined (host hand-over goes to the longest present), mute, and media.
 */
public record Member(
        MemberId id,
        String userUri,
        String displayName,
        String endpointUri,
        Role role,
        Instant joinedAt,
        boolean muted,
        List<MemberMedia> media) {

    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userUri, "userUri");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(endpointUri, "endpointUri");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(joinedAt, "joinedAt");
        media = List.copyOf(media);
    }

    /** A participant about to join, not yet placed in a room. */
    public static Member joining(
            MemberId id, String userUri, String displayName, String endpointUri, List<MemberMedia> media) {
        return new Member(id, userUri, displayName, endpointUri, Role.PARTICIPANT, Instant.EPOCH, false, media);
    }

    public boolean isHost() {
        return role == Role.HOST;
    }

    Member withRole(Role newRole) {
        return new Member(id, userUri, displayName, endpointUri, newRole, joinedAt, muted, media);
    }

    Member withJoinedAt(Instant at) {
        return new Member(id, userUri, displayName, endpointUri, role, at, muted, media);
    }

    Member withMuted(boolean newMuted) {
        return new Member(id, userUri, displayName, endpointUri, role, joinedAt, newMuted, media);
    }

    Member withMedia(List<MemberMedia> newMedia) {
        return new Member(id, userUri, displayName, endpointUri, role, joinedAt, muted, newMedia);
    }
}
