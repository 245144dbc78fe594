package dev.parley.mixer.audio;

import java.util.Locale;
import java.util.Optional;

/** Makes the codec for an {@code a=rtpmap} encoding name and clock rate, when the mixer has it. */
public final class AudioCodecs {
    private AudioCodecs() {}

    /**
     * A codec instance for one endpoint, or empty when the mixer cannot decode this format; Opus
     * from {@code opus} (libopus or concentus).
     */
    public static Optional<AudioCodec> create(String encoding, int clockRate, OpusCodecs opus) {
        if (sampleRate(encoding, clockRate) == 0) {
            return Optional.empty();
        }
        switch (encoding.toLowerCase(Locale.ROOT)) {
            case "pcmu":
                return Optional.of(G711.PCMU);
            case "pcma":
                return Optional.of(G711.PCMA);
            case "g722":
                return Optional.of(new G722Codec());
            default:
                return Optional.of(opus.create());
        }
    }

    /**
     * The PCM rate of the codec for this format ({@link AudioCodec#sampleRate}), without making
     * one; 0 when the mixer has no codec for it.
     */
    public static int sampleRate(String encoding, int clockRate) {
        switch (encoding.toLowerCase(Locale.ROOT)) {
            case "pcmu":
            case "pcma":
                return clockRate == AudioCodec.NARROWBAND ? AudioCodec.NARROWBAND : 0;
            case "g722":
                // RFC 3551 §4.5.2: the rtpmap says G722/8000 although the audio is 16 kHz.
                return clockRate == AudioCodec.NARROWBAND ? AudioCodec.WIDEBAND : 0;
            case "opus":
                return clockRate == OpusCodecs.RTP_CLOCK ? AudioCodec.WIDEBAND : 0;
            default:
                return 0;
        }
    }
}
