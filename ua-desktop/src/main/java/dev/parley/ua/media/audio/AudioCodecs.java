package dev.parley.ua.media.audio;

import dev.parley.sdp.RtpMap;
import java.util.Locale;

/** The codecs the agent's audio has, by rtpmap: opus/48000/2 (RFC 7587), PCMU/8000, PCMA/8000. */
final class AudioCodecs {
    private AudioCodecs() {}

    static boolean supports(RtpMap map) {
        String enc = map.encoding().toLowerCase(Locale.ROOT);
        return enc.equals("opus") && map.clockRate() == 48_000
                || (enc.equals("pcmu") || enc.equals("pcma")) && map.clockRate() == 8000;
    }

    static AudioCodec create(RtpMap map) {
        return switch (map.encoding().toLowerCase(Locale.ROOT)) {
            case "opus" -> new OpusAudioCodec();
            case "pcmu" -> new G711AudioCodec(true);
            case "pcma" -> new G711AudioCodec(false);
            default -> throw new IllegalArgumentException("no codec for " + map.encoding());
        };
    }
}
