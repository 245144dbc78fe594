package dev.parley.sdp.negotiation;

import dev.parley.sdp.Attribute;
import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.SsrcAttribute;
import java.util.ArrayList;
import java.util.List;

/** Writes the answer's media section for one accepted stream (RFC 3264 §6.1). */
final class AnswerSection {
    private AnswerSection() {}

    static MediaDescription write(StreamNegotiation s, LocalStream local) {
        MediaDescription offered = s.offered();
        List<String> pts = new ArrayList<>(s.formats().size());
        List<Attribute> attrs = new ArrayList<>(8 + 2 * s.formats().size());
        offered.attribute("mid").ifPresent(mid -> attrs.add(Attribute.of("mid", mid)));
        for (NegotiatedFormat f : s.formats()) {
            pts.add(f.payloadType());
            attrs.add(Attribute.of("rtpmap", f.codec().rtpMap(f.payloadType()).value()));
        }
        for (NegotiatedFormat f : s.formats()) {
            if (!f.localFmtp().isEmpty()) {
                attrs.add(Attribute.of("fmtp", f.payloadType() + " " + f.localFmtp()));
            }
        }
        s.rtcpFeedback().forEach(fb -> attrs.add(Attribute.of("rtcp-fb", fb)));
        s.ptime().ifPresent(p -> attrs.add(Attribute.of("ptime", Integer.toString(p))));
        if (s.rtcpMux()) {
            attrs.add(Attribute.flag("rtcp-mux"));
        }
        if (s.kind().filter(k -> k == MediaKind.SLIDES).isPresent()) {
            attrs.add(Attribute.of("content", "slides"));
        }
        offered.attribute("label").ifPresent(label -> attrs.add(Attribute.of("label", label)));
        s.setup().ifPresent(setup -> {
            attrs.add(Attribute.of("setup", setup));
            attrs.add(Attribute.of("connection", offered.attribute("connection").orElse("new")));
        });
        s.crypto().ifPresent(c -> {
            String key = local.srtpInlineKey()
                    .orElseThrow(() -> new IllegalArgumentException("stream " + s.index() + " needs an SRTP key"));
            attrs.add(Attribute.of("crypto", c.tag() + " " + c.suite() + " inline:" + key));
        });
        attrs.add(Attribute.flag(s.direction().attribute()));
        for (SsrcAttribute ssrc : local.ssrcs()) {
            attrs.add(Attribute.of("ssrc", ssrc.attributeValue()));
        }
        return MediaDescription.of(offered.media(), local.port(), offered.protocol(), pts, attrs);
    }
}
