package dev.parley.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole SDP body (RFC 8866 §5): the session-level lines in their RFC order and the media
 * sections. Immutable; {@link SdpParser} makes one from text and {@link SdpWriter} writes it
 * back byte for byte.
 */
public record SessionDescription(
        String version,
        Origin origin,
        String sessionName,
        Optional<String> information,
        Optional<String> uri,
        List<String> emails,
        List<String> phones,
        Optional<Connection> connection,
        List<Bandwidth> bandwidths,
        List<Timing> timings,
        Optional<String> zoneAdjustments,
        Optional<String> key,
        List<Attribute> attributes,
        List<MediaDescription> media) {

    public SessionDescription {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(information, "information");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(zoneAdjustments, "zoneAdjustments");
        Objects.requireNonNull(key, "key");
        emails = List.copyOf(emails);
        phones = List.copyOf(phones);
        bandwidths = List.copyOf(bandwidths);
        timings = List.copyOf(timings);
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
    }

    /**
     * The usual SIP body: {@code v=0}, the origin, a session name, a session-level connection,
     * {@code t=0 0}, the given session attributes and media sections.
     */
    public static SessionDescription of(
            Origin origin,
            String sessionName,
            Connection connection,
            List<Attribute> attributes,
            List<MediaDescription> media) {
        return new SessionDescription(
                "0",
                origin,
                sessionName,
                Optional.empty(),
                Optional.empty(),
                List.of(),
                List.of(),
                Optional.of(connection),
                List.of(),
                List.of(Timing.unbounded()),
                Optional.empty(),
                Optional.empty(),
                attributes,
                media);
    }

    /** The value of the first session-level attribute with this name. */
    public Optional<String> attribute(String name) {
        return Attributes.first(attributes, name);
    }

    /** True when a session-level attribute with this name is present. */
    public boolean has(String name) {
        return Attributes.has(attributes, name);
    }

    /**
     * The connection that applies to a media section: its own first {@code c=}, else the
     * session's (RFC 8866 §5.7).
     */
    public Optional<Connection> connectionOf(MediaDescription m) {
        return m.connections().isEmpty()
                ? connection
                : Optional.of(m.connections().get(0));
    }

    /**
     * The direction that applies to a media section: its own attribute, else the session's,
     * else {@code sendrecv} (RFC 8866 §6.7).
     */
    public Direction directionOf(MediaDescription m) {
        return m.direction().or(() -> Attributes.direction(attributes)).orElse(Direction.SENDRECV);
    }

    /** The body as text with CRLF line ends; the same as {@link SdpWriter#write}. */
    @Override
    public String toString() {
        return SdpWriter.write(this);
    }
}
