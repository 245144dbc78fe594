package dev.parley.sdp.negotiation;

import dev.parley.sdp.Fmtp;
import dev.parley.sdp.RtpMap;
import java.util.Optional;

/**
 * The fmtp parameters that decide whether an offered format is one of Parley's codecs, and
 * what the answer states for it. Returns the answer's fmtp (empty string: no fmtp line) or
 * empty when the format is incompatible.
 */
final class FormatRules {
    private FormatRules() {}

    static Optional<String> answerFmtp(CodecSpec ours, RtpMap offered, Optional<Fmtp> offeredFmtp) {
        if (!ours.matches(offered)) {
            return Optional.empty();
        }
        return switch (offered.encodingKey()) {
            case "h264" -> h264(ours, offeredFmtp);
            case "telephone-event" -> telephoneEvent(ours, offeredFmtp);
            default -> Optional.of(ours.fmtpRaw());
        };
    }

    /**
     * RFC 6184 §8.2.2: the packetization mode must be equal (default 0) and the profile the
     * same; the answer keeps the offered profile and states the lower of the two levels,
     * unless both allow level asymmetry, when it states its own.
     */
    private static Optional<String> h264(CodecSpec ours, Optional<Fmtp> offeredFmtp) {
        String offeredMode =
                offeredFmtp.flatMap(f -> f.parameter("packetization-mode")).orElse("0");
        String ourMode = ours.fmtp().getOrDefault("packetization-mode", "0");
        if (!offeredMode.equals(ourMode)) {
            return Optional.empty();
        }
        Optional<H264Profile> offered = H264Profile.parse(
                offeredFmtp.flatMap(f -> f.parameter("profile-level-id")).orElse(H264Profile.DEFAULT));
        Optional<H264Profile> own =
                H264Profile.parse(ours.fmtp().getOrDefault("profile-level-id", H264Profile.DEFAULT));
        if (offered.isEmpty() || own.isEmpty() || !offered.get().sameProfile(own.get())) {
            return Optional.empty();
        }
        boolean asymmetry = offeredFmtp
                        .flatMap(f -> f.parameter("level-asymmetry-allowed"))
                        .orElse("0")
                        .equals("1")
                && ours.fmtp().getOrDefault("level-asymmetry-allowed", "1").equals("1");
        int level = asymmetry
                ? own.get().level()
                : Math.min(offered.get().level(), own.get().level());
        return Optional.of("profile-level-id=" + offered.get().withLevel(level).hex()
                + (asymmetry ? ";level-asymmetry-allowed=1" : "")
                + ";packetization-mode=" + ourMode);
    }

    /**
     * RFC 4733 §7.1.1: the events both sides take; without an fmtp the offer means 0-15.
     * Nothing in common makes the format unusable.
     */
    private static Optional<String> telephoneEvent(CodecSpec ours, Optional<Fmtp> offeredFmtp) {
        String offeredEvents =
                offeredFmtp.map(Fmtp::raw).filter(r -> !r.isEmpty()).orElse("0-15");
        Optional<EventRanges> offered = EventRanges.parse(offeredEvents);
        Optional<EventRanges> own = EventRanges.parse(ours.fmtpRaw());
        if (offered.isEmpty() || own.isEmpty()) {
            return Optional.empty();
        }
        EventRanges common = offered.get().intersect(own.get());
        return common.isEmpty() ? Optional.empty() : Optional.of(common.toString());
    }
}
