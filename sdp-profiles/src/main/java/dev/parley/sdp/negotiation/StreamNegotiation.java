package dev.parley.sdp.negotiation;

import dev.parley.sdp.Crypto;
import dev.parley.sdp.Direction;
import dev.parley.sdp.MediaDescription;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The outcome for one offered media section: accepted with its formats, direction and
 * transport details, or rejected with a reason. {@code remoteHost}/{@code remotePort} are
 * where the offerer wants media sent; {@code remoteSsrcs} the SSRCs it announced (RFC 5576).
 */
public record StreamNegotiation(
        int index,
        MediaDescription offered,
        Optional<MediaKind> kind,
        Optional<Rejection> rejection,
        List<NegotiatedFormat> formats,
        Direction direction,
        boolean onHold,
        boolean rtcpMux,
        OptionalInt ptime,
        List<String> rtcpFeedback,
        Optional<Crypto> crypto,
        Optional<String> setup,
        Optional<String> remoteHost,
        int remotePort,
        List<Long> remoteSsrcs) {

    public StreamNegotiation {
        Objects.requireNonNull(offered, "offered");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rejection, "rejection");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(ptime, "ptime");
        Objects.requireNonNull(crypto, "crypto");
        Objects.requireNonNull(setup, "setup");
        Objects.requireNonNull(remoteHost, "remoteHost");
        formats = List.copyOf(formats);
        rtcpFeedback = List.copyOf(rtcpFeedback);
        remoteSsrcs = List.copyOf(remoteSsrcs);
    }

    static StreamNegotiation rejected(int index, MediaDescription offered, Optional<MediaKind> kind, Rejection why) {
        return new StreamNegotiation(
                index,
                offered,
                kind,
                Optional.of(why),
                List.of(),
                Direction.INACTIVE,
                false,
                false,
                OptionalInt.empty(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                List.of());
    }

    public boolean accepted() {
        return rejection.isEmpty();
    }

    /** The accepted formats other than telephone-event: the codecs that carry media. */
    public List<NegotiatedFormat> mediaFormats() {
        return formats.stream().filter(f -> !f.codec().isTelephoneEvent()).toList();
    }

    /** The accepted telephone-event formats (RFC 4733). */
    public List<NegotiatedFormat> eventFormats() {
        return formats.stream().filter(f -> f.codec().isTelephoneEvent()).toList();
    }
}
