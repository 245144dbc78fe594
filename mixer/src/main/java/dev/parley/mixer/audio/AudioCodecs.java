package dev.parley.mixer.audio;

import java.util.Locale;
import java.util.Optional;

/** Makes the codec for an {@code a=rtpmap} encoding name and clock rate, when the mixer has it. */
public final class AudioCodecs {
    private AudioCodecs() {}

    /** A codec instance for one endpoint, or empty when the mixer cannot decode this format. */
    public static Optional<AudioCodec> create(String encoding, int clockRate) {
        switch (encoding.toLowerCase(Locale.ROOT)) {
            case "pcmu":
                return clockRate == 8000 ? Optional.of(G711.PCMU) : Optional.empty();
            case "pcma":
                return clockRate == 8000 ? Optional.of(G711.PCMA) : Optional.empty();
            case "opus":
                return clockRate == OpusCodec.RTP_CLOCK ? Optional.of(new OpusCodec()) : Optional.empty();
            default:
                return Optional.empty();
        }
    }
}
