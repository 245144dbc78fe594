package dev.parley.sdp.negotiation;

import dev.parley.sdp.MediaDescription;
import java.util.Optional;

/** What a media section carries, as far as Parley is concerned. */
public enum MediaKind {
    /** {@code m=audio}. */
    AUDIO,
    /** {@code m=video} without {@code a=content:slides}: a camera. */
    VIDEO,
    /** {@code m=video} with {@code a=content:slides} (RFC 4796 §5): a shared screen. */
    SLIDES,
    /**
     * {@code m=application} carrying the {@code hip} remote-control stream of the
     * application-sharing draft (draft-boyaci-avt-app-sharing).
     */
    REMOTE_CONTROL;

    /** The kind of a media section; empty for media Parley does not know. */
    public static Optional<MediaKind> of(MediaDescription m) {
        switch (m.media()) {
            case "audio":
                return Optional.of(AUDIO);
            case "video":
                for (String content : m.attributes("content")) {
                    for (String token : content.split(",")) {
                        if (token.trim().equals("slides")) {
                            return Optional.of(SLIDES);
                        }
                    }
                }
                return Optional.of(VIDEO);
            case "application":
                for (String format : m.formats()) {
                    if (m.rtpMap(format)
                            .filter(r -> r.encodingKey().equals("hip"))
                            .isPresent()) {
                        return Optional.of(REMOTE_CONTROL);
                    }
                }
                return Optional.empty();
            default:
                return Optional.empty();
        }
    }

    /** The {@code m=} media token for this kind. */
    public String media() {
        return switch (this) {
            case AUDIO -> "audio";
            case VIDEO, SLIDES -> "video";
            case REMOTE_CONTROL -> "application";
        };
    }
}
