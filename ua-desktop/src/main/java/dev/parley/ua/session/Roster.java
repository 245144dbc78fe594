package dev.parley.ua.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The member list of a meeting, kept from the conference event package (RFC 4575): a full
 * document replaces it, a partial one (§4.6) applies to it only when its version is the next
 * one. Immutable: {@link #apply} returns the new list.
 */
public record Roster(String entity, int version, boolean locked, List<RosterMember> members) {
    public Roster {
        Objects.requireNonNull(entity, "entity");
        members = List.copyOf(members);
    }

    /** No member list yet. */
    public static Roster empty() {
        return new Roster("", 0, false, List.of());
    }

    public Optional<RosterMember> member(String entity) {
        return members.stream().filter(m -> m.entity().equals(entity)).findFirst();
    }

    public Optional<RosterMember> host() {
        return members.stream().filter(RosterMember::host).findFirst();
    }

    /** The member that sends a stream with this SSRC ({@code <src-id>}): a name for a video tile. */
    public Optional<RosterMember> bySrcId(long ssrc) {
        return members.stream().filter(m -> m.sends(ssrc)).findFirst();
    }

    /**
     * The list after one document: a full one replaces it; a partial one applies to version
     * {@code version + 1} only, and is empty otherwise (a NOTIFY was lost or came out of order:
     * the subscriber asks for the full state again). Older full documents are ignored likewise.
     */
    public Optional<Roster> apply(ConferenceInfoDocument doc) {
        if (doc.full()) {
            if (version > 0 && doc.version() < version) {
                return Optional.empty();
            }
            List<RosterMember> all = new ArrayList<>();
            for (ConferenceInfoDocument.User u : doc.users()) {
                if (!u.state().equals("deleted")) {
                    all.add(fresh(u));
                }
            }
            return Optional.of(
                    new Roster(doc.entity(), doc.version(), doc.locked().orElse(false), all));
        }
        if (doc.version() != version + 1) {
            return Optional.empty();
        }
        Map<String, RosterMember> byEntity = new LinkedHashMap<>();
        for (RosterMember m : members) {
            byEntity.put(m.entity(), m);
        }
        for (ConferenceInfoDocument.User u : doc.users()) {
            RosterMember old = byEntity.get(u.entity());
            switch (u.state()) {
                case "deleted" -> byEntity.remove(u.entity());
                case "partial" -> byEntity.put(u.entity(), old == null ? fresh(u) : merged(old, u));
                default -> byEntity.put(u.entity(), fresh(u));
            }
        }
        return Optional.of(new Roster(
                entity.isEmpty() ? doc.entity() : entity,
                doc.version(),
                doc.locked().orElse(locked),
                List.copyOf(byEntity.values())));
    }

    private static RosterMember fresh(ConferenceInfoDocument.User u) {
        return new RosterMember(
                u.entity(),
                u.displayText().orElse(""),
                u.roles().orElse(List.of()),
                u.media().orElse(List.of()));
    }

    private static RosterMember merged(RosterMember old, ConferenceInfoDocument.User u) {
        return new RosterMember(
                old.entity(),
                u.displayText().orElse(old.displayText()),
                u.roles().orElse(old.roles()),
                u.media().orElse(old.media()));
    }
}
