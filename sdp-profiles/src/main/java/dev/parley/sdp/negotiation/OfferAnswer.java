package dev.parley.sdp.negotiation;

import dev.parley.sdp.Attribute;
import dev.parley.sdp.Connection;
import dev.parley.sdp.Crypto;
import dev.parley.sdp.Direction;
import dev.parley.sdp.Fmtp;
import dev.parley.sdp.MediaDescription;
import dev.parley.sdp.RtpMap;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.SsrcAttribute;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The answerer's half of RFC 3264 §6: decides, per offered media section, whether a profile
 * takes it and with what. Pure: the result is a {@link Negotiation} from which the caller,
 * once it has allocated ports, writes the answer.
 */
public final class OfferAnswer {
    private OfferAnswer() {}

    public static Negotiation negotiate(SessionDescription offer, Profile profile) {
        List<StreamNegotiation> streams = new ArrayList<>(offer.media().size());
        Set<MediaKind> taken = EnumSet.noneOf(MediaKind.class);
        for (int i = 0; i < offer.media().size(); i++) {
            StreamNegotiation s = stream(offer, i, profile, taken);
            s.kind().filter(k -> s.accepted()).ifPresent(taken::add);
            streams.add(s);
        }
        return new Negotiation(offer, profile, streams);
    }

    private static StreamNegotiation stream(
            SessionDescription offer, int index, Profile profile, Set<MediaKind> taken) {
        MediaDescription m = offer.media().get(index);
        Optional<MediaKind> kind = MediaKind.of(m);
        if (m.isDisabled()) {
            return StreamNegotiation.rejected(index, m, kind, Rejection.DISABLED);
        }
        Optional<StreamSpec> found = kind.flatMap(profile::stream);
        if (found.isEmpty()) {
            return StreamNegotiation.rejected(index, m, kind, Rejection.UNSUPPORTED_MEDIA);
        }
        StreamSpec spec = found.get();
        if (taken.contains(spec.kind())) {
            return StreamNegotiation.rejected(index, m, kind, Rejection.SURPLUS_STREAM);
        }
        if (!spec.takesProtocol(m.protocol())) {
            return StreamNegotiation.rejected(index, m, kind, Rejection.UNSUPPORTED_TRANSPORT);
        }
        Optional<Crypto> crypto = Optional.empty();
        if (m.protocol().toUpperCase(java.util.Locale.ROOT).contains("SAVP")) {
            crypto = chooseCrypto(m, spec);
            if (crypto.isEmpty()) {
                return StreamNegotiation.rejected(index, m, kind, Rejection.NO_COMMON_CRYPTO);
            }
        }
        List<NegotiatedFormat> formats = formats(m, spec);
        if (formats.stream().allMatch(f -> f.codec().isTelephoneEvent())) {
            return StreamNegotiation.rejected(index, m, kind, Rejection.NO_COMMON_CODEC);
        }
        Optional<Connection> c = offer.connectionOf(m);
        boolean nullAddress = c.map(Connection::isNullAddress).orElse(false);
        Direction offered = offer.directionOf(m);
        if (nullAddress) {
            // RFC 3264 §8.4: c=0.0.0.0 is the old hold; the offerer does not want media.
            offered = Direction.of(offered.sends(), false);
        }
        Direction answer = offered.reverse().intersect(spec.direction());
        boolean tcp = m.protocol().toUpperCase(java.util.Locale.ROOT).startsWith("TCP");
        return new StreamNegotiation(
                index,
                m,
                kind,
                Optional.empty(),
                formats,
                answer,
                !offered.receives(),
                spec.rtcpMux() && m.has("rtcp-mux"),
                ptime(m, spec),
                feedback(m, formats),
                crypto,
                tcp ? Optional.of(answerSetup(m.attribute("setup").orElse("active"))) : Optional.empty(),
                c.filter(x -> !nullAddress).map(Connection::host),
                m.port(),
                ssrcs(m));
    }

    /** Offered formats in offer order, each matched to the first profile codec that takes it. */
    private static List<NegotiatedFormat> formats(MediaDescription m, StreamSpec spec) {
        Map<String, RtpMap> maps = new HashMap<>();
        Map<String, Fmtp> fmtps = new HashMap<>();
        for (Attribute a : m.attributes()) {
            if (a.name().equals("rtpmap")) {
                RtpMap.parse(a.valueOrEmpty()).ifPresent(r -> maps.putIfAbsent(r.payloadType(), r));
            } else if (a.name().equals("fmtp")) {
                Fmtp.parse(a.valueOrEmpty()).ifPresent(f -> fmtps.putIfAbsent(f.payloadType(), f));
            }
        }
        List<NegotiatedFormat> matched = new ArrayList<>(m.formats().size());
        for (String pt : m.formats()) {
            Optional<RtpMap> map = Optional.ofNullable(maps.get(pt)).or(() -> RtpMap.staticPayloadType(pt));
            if (map.isEmpty()) {
                continue;
            }
            Optional<Fmtp> fmtp = Optional.ofNullable(fmtps.get(pt));
            for (CodecSpec codec : spec.codecs()) {
                Optional<String> local = FormatRules.answerFmtp(codec, map.get(), fmtp);
                if (local.isPresent()) {
                    matched.add(new NegotiatedFormat(map.get(), fmtp, local.get(), codec));
                    break;
                }
            }
        }
        // RFC 4733 §2.5.1.2: events run at the clock rate of the audio they go with.
        List<NegotiatedFormat> out = new ArrayList<>(matched.size());
        for (NegotiatedFormat f : matched) {
            if (!f.codec().isTelephoneEvent()
                    || matched.stream()
                            .anyMatch(c -> !c.codec().isTelephoneEvent()
                                    && c.rtpMap().clockRate() == f.rtpMap().clockRate())) {
                out.add(f);
            }
        }
        return out;
    }

    private static Optional<Crypto> chooseCrypto(MediaDescription m, StreamSpec spec) {
        for (String value : m.attributes("crypto")) {
            Optional<Crypto> c = Crypto.parse(value);
            if (c.isPresent() && spec.cryptoSuites().contains(c.get().suite())) {
                return c;
            }
        }
        return Optional.empty();
    }

    /** The offer's packet time if the audio path can send it, else the profile's. */
    private static OptionalInt ptime(MediaDescription m, StreamSpec spec) {
        if (spec.ptime() == 0) {
            return OptionalInt.empty();
        }
        Optional<String> offered = m.attribute("ptime");
        if (offered.isPresent()) {
            try {
                int p = (int) Double.parseDouble(offered.get());
                if (StreamSpec.AUDIO_PTIMES.contains(p)) {
                    return OptionalInt.of(p);
                }
            } catch (NumberFormatException e) {
                // not a number the audio path could use: fall through to the profile's
            }
        }
        return OptionalInt.of(spec.ptime());
    }

    /** RFC 4585 §4.2: offered feedback lines whose type the matched codec supports. */
    private static List<String> feedback(MediaDescription m, List<NegotiatedFormat> formats) {
        Set<String> out = new LinkedHashSet<>();
        for (String fb : m.attributes("rtcp-fb")) {
            int space = fb.indexOf(' ');
            if (space <= 0) {
                continue;
            }
            String pt = fb.substring(0, space);
            String type = fb.substring(space + 1).trim();
            for (NegotiatedFormat f : formats) {
                if ((pt.equals("*") || pt.equals(f.payloadType()))
                        && f.codec().rtcpFeedback().contains(type)) {
                    out.add(fb);
                    break;
                }
            }
        }
        return List.copyOf(out);
    }

    /** RFC 4145 §4.1: the answerer's role for the offerer's {@code a=setup} (default active). */
    private static String answerSetup(String offered) {
        return switch (offered) {
            case "passive" -> "active";
            case "holdconn" -> "holdconn";
            default -> "passive";
        };
    }

    private static List<Long> ssrcs(MediaDescription m) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String value : m.attributes("ssrc")) {
            SsrcAttribute.parse(value).ifPresent(s -> ids.add(s.ssrc()));
        }
        return List.copyOf(ids);
    }
}
