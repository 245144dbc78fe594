package dev.parley.mixer.engine;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One endpoint of a conference as the focus describes it from the negotiated SDP: one stream
 * (m-line) of one participant.
 *
 * @param id the endpoint's name, unique in its conference
 * @param participant who the endpoint belongs to; media never goes back to the same participant
 * @param kind audio (mixed) or video/slides (forwarded)
 * @param formats the negotiated payload formats, the preferred one first (the one the mixer
 *     sends in)
 * @param remoteRtp where the endpoint said it receives RTP, when known; packets from another IP
 *     are dropped (symmetric RTP latches the port)
 * @param remoteRtcp where the endpoint receives RTCP, when known and not muxed
 * @param ssrcs the SSRCs the endpoint announced ({@code a=ssrc}, RFC 5576); empty accepts any
 * @param muted true to leave the endpoint out of the mix (it still hears the others)
 * @param direction the negotiated direction, from the endpoint's side
 * @param rtcpMux true when RTP and RTCP share one port (RFC 5761)
 * @param activeSpeaker for video: the endpoint takes one stream (a softphone), so it gets the
 *     active speaker's video as one continuous stream instead of everyone's
 */
public record EndpointSpec(
        String id,
        String participant,
        MediaKind kind,
        List<PayloadFormat> formats,
        Optional<InetSocketAddress> remoteRtp,
        Optional<InetSocketAddress> remoteRtcp,
        List<Long> ssrcs,
        boolean muted,
        Direction direction,
        boolean rtcpMux,
        boolean activeSpeaker) {
    /** Endpoint, participant and conference ids: what fits in a URL path segment unescaped. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");

    public EndpointSpec {
        requireId(id, "id");
        requireId(participant, "participant");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(direction, "direction");
        formats = List.copyOf(formats);
        Objects.requireNonNull(remoteRtp, "remoteRtp");
        Objects.requireNonNull(remoteRtcp, "remoteRtcp");
        ssrcs = List.copyOf(ssrcs);
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("formats must name at least one payload format");
        }
        Set<Integer> seen = new HashSet<>();
        for (PayloadFormat f : formats) {
            if (!seen.add(f.payloadType())) {
                throw new IllegalArgumentException("formats: payload type " + f.payloadType() + " appears twice");
            }
            // RFC 5761 §4: with rtcp-mux, payload types 64-95 would collide with RTCP packet types.
            if (rtcpMux && f.payloadType() >= 64 && f.payloadType() <= 95) {
                throw new IllegalArgumentException(
                        "formats: payload type " + f.payloadType() + " collides with RTCP under rtcp-mux");
            }
        }
        if (formats.get(0).isTelephoneEvent()) {
            throw new IllegalArgumentException("formats: the first format must be a codec, not telephone-event");
        }
        for (long ssrc : ssrcs) {
            if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("ssrcs: " + ssrc + " is not a 32-bit unsigned value");
            }
        }
    }

    /** An endpoint that takes every stream of its kind (no active-speaker selection). */
    public EndpointSpec(
            String id,
            String participant,
            MediaKind kind,
            List<PayloadFormat> formats,
            Optional<InetSocketAddress> remoteRtp,
            Optional<InetSocketAddress> remoteRtcp,
            List<Long> ssrcs,
            boolean muted,
            Direction direction,
            boolean rtcpMux) {
        this(id, participant, kind, formats, remoteRtp, remoteRtcp, ssrcs, muted, direction, rtcpMux, false);
    }

    static void requireId(String value, String field) {
        Objects.requireNonNull(value, field);
        if (!ID.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must match " + ID.pattern() + ", got '" + value + "'");
        }
    }

    /** The format for a payload type, if negotiated. */
    public Optional<PayloadFormat> format(int payloadType) {
        for (PayloadFormat f : formats) {
            if (f.payloadType() == payloadType) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** This endpoint's payload type for the same codec as {@code other}, or -1 when not negotiated. */
    public int payloadTypeFor(PayloadFormat other) {
        // Indexed: on the forwarding path for every packet, where an iterator would be garbage.
        for (int i = 0; i < formats.size(); i++) {
            if (formats.get(i).sameCodec(other)) {
                return formats.get(i).payloadType();
            }
        }
        return -1;
    }

    /** The format the mixer sends in: the first one. */
    public PayloadFormat sendFormat() {
        return formats.get(0);
    }
}
