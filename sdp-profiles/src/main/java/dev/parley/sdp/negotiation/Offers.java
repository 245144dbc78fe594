package dev.parley.sdp.negotiation;

import dev.parley.sdp.Attribute;
import dev.parley.sdp.Connection;
import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.SsrcAttribute;
import java.util.ArrayList;
import java.util.List;

/**
 * The offerer's half of RFC 3264: writes an offer from a profile (§5) and reads the answer
 * to it (§7).
 */
public final class Offers {
    private Offers() {}

    /** An offer with one media section per stream in the params, in the profile's order. */
    public static SessionDescription offer(Profile profile, OfferParams params) {
        List<MediaDescription> media = new ArrayList<>();
        for (StreamSpec spec : profile.streams()) {
            LocalStream local = params.streams().get(spec.kind());
            if (local != null) {
                media.add(section(spec, local));
            }
        }
        return SessionDescription.of(
                params.origin(), params.sessionName(), Connection.of(params.address()), List.of(), media);
    }

    private static MediaDescription section(StreamSpec spec, LocalStream local) {
        List<String> pts = new ArrayList<>();
        List<Attribute> attrs = new ArrayList<>();
        for (CodecSpec c : spec.codecs()) {
            String pt = Integer.toString(c.payloadType());
            pts.add(pt);
            attrs.add(Attribute.of("rtpmap", c.rtpMap(pt).value()));
        }
        for (CodecSpec c : spec.codecs()) {
            if (!c.fmtpRaw().isEmpty()) {
                attrs.add(Attribute.of("fmtp", c.payloadType() + " " + c.fmtpRaw()));
            }
            for (String fb : c.rtcpFeedback()) {
                attrs.add(Attribute.of("rtcp-fb", c.payloadType() + " " + fb));
            }
        }
        if (spec.ptime() > 0) {
            attrs.add(Attribute.of("ptime", Integer.toString(spec.ptime())));
        }
        if (spec.rtcpMux()) {
            attrs.add(Attribute.flag("rtcp-mux"));
        }
        if (spec.kind() == MediaKind.SLIDES) {
            attrs.add(Attribute.of("content", "slides"));
            attrs.add(Attribute.of("label", "slides"));
        }
        String protocol = spec.protocols().get(0);
        if (protocol.startsWith("TCP")) {
            // RFC 4145 §4: the offerer connects; a new connection for a new session.
            attrs.add(Attribute.of("setup", "active"));
            attrs.add(Attribute.of("connection", "new"));
        }
        attrs.add(Attribute.flag(spec.direction().attribute()));
        for (SsrcAttribute s : local.ssrcs()) {
            attrs.add(Attribute.of("ssrc", s.attributeValue()));
        }
        return MediaDescription.of(spec.kind().media(), local.port(), protocol, pts, attrs);
    }

    /**
     * Reads the answer to an offer Parley made: checks RFC 3264 §6's one-to-one media
     * sections, then tells per stream what Parley sends and receives, and where.
     */
    public static Negotiation readAnswer(SessionDescription offer, SessionDescription answer, Profile profile)
            throws SdpParseException {
        if (answer.media().size() != offer.media().size()) {
            throw new SdpParseException(
                    0,
                    "the answer has " + answer.media().size() + " media sections, the offer had "
                            + offer.media().size() + " (RFC 3264 §6)");
        }
        for (int i = 0; i < offer.media().size(); i++) {
            String o = offer.media().get(i).media();
            String a = answer.media().get(i).media();
            if (!o.equals(a)) {
                throw new SdpParseException(
                        0, "media section " + i + " is " + a + " in the answer, " + o + " in the offer");
            }
        }
        return OfferAnswer.negotiate(answer, profile);
    }
}
