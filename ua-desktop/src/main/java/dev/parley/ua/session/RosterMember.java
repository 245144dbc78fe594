package dev.parley.ua.session;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One member of a meeting as the member list tells it (RFC 4575 §5.6 {@code <user>}): the
 * user's URI ({@code entity}), display name, roles ({@code host} or {@code participant}) and
 * the media of its endpoint.
 */
public record RosterMember(String entity, String displayText, List<String> roles, List<RosterMedia> media) {
    public RosterMember {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(displayText, "displayText");
        roles = List.copyOf(roles);
        media = List.copyOf(media);
    }

    /** The display name, else the URI. */
    public String name() {
        return displayText.isBlank() ? entity : displayText;
    }

    public boolean host() {
        return roles.contains("host");
    }

    /** True when the member has audio and does not send it (the focus mutes by making it recvonly). */
    public boolean muted() {
        return media.stream().anyMatch(RosterMedia::isAudio)
                && media.stream().filter(RosterMedia::isAudio).noneMatch(RosterMedia::sending);
    }

    /** True when the member sends camera video. */
    public boolean videoOn() {
        return media.stream().anyMatch(m -> m.isCamera() && m.sending());
    }

    /** True when the member shares its screen. */
    public boolean presenting() {
        return media.stream().anyMatch(m -> m.isSlides() && m.sending());
    }

    /** True when one of its streams is sent with this SSRC. */
    public boolean sends(long ssrc) {
        return media.stream().map(RosterMedia::srcId).anyMatch(s -> s.equals(OptionalLong.of(ssrc)));
    }
}
