package dev.parley.ua.session;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One stream of a member as the member list tells it (RFC 4575 §5.7.5 {@code <media>}): its
 * type ({@code audio}, {@code video}, {@code application}), label ({@code slides} for a shared
 * screen), the SSRC it is sent with ({@code <src-id>}) and its status from the member's side
 * ({@code sendrecv}, {@code sendonly}, {@code recvonly}, {@code inactive}).
 */
public record RosterMedia(String id, String type, String label, OptionalLong srcId, String status) {
    public RosterMedia {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(srcId, "srcId");
        Objects.requireNonNull(status, "status");
    }

    /** True when the member sends on this stream. */
    public boolean sending() {
        return status.equals("sendrecv") || status.equals("sendonly");
    }

    public boolean isAudio() {
        return type.equals("audio");
    }

    /** A shared screen: video labelled {@code slides} (the {@code a=content:slides} stream). */
    public boolean isSlides() {
        return type.equals("video") && label.equals("slides");
    }

    /** A camera: video that is not slides. */
    public boolean isCamera() {
        return type.equals("video") && !isSlides();
    }
}
