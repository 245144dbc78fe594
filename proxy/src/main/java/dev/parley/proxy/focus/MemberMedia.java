package dev.parley.proxy.focus;

import dev.parley.sdp.Direction;
import dev.parley.sdp.negotiation.MediaKind;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One stream of a member as the member list shows it (RFC 4575 §5.7.4 {@code <media>}): its
 * kind, the SSRC it sends with ({@code <src-id>}, so agents can name the streams they
 * receive), the SDP label, and the direction the focus uses it in.
 */
public record MemberMedia(MediaKind kind, OptionalLong ssrc, String label, Direction status) {
    public MemberMedia {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ssrc, "ssrc");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(status, "status");
    }
}
