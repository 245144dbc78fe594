package dev.parley.mixer.audio;

import dev.parley.media.g711.ALaw;
import dev.parley.media.g711.MuLaw;
import java.util.Locale;
import java.util.Optional;

/**
 * G.711 µ-law (PCMU) and A-law (PCMA), RFC 3551 §4.5.14: one byte per sample at 8 kHz, through
 * media-core's tables.
 */
public enum G711 implements AudioCodec {
    PCMU {
        @Override
        public void decode(byte[] payload, int off, int len, short[] pcm, int pcmOff) {
            MuLaw.decode(payload, off, pcm, pcmOff, len);
        }

        @Override
        public int encode(short[] pcm, int samples, byte[] out, int outOff) {
            MuLaw.encode(pcm, 0, out, outOff, samples);
            return samples;
        }
    },
    PCMA {
        @Override
        public void decode(byte[] payload, int off, int len, short[] pcm, int pcmOff) {
            ALaw.decode(payload, off, pcm, pcmOff, len);
        }

        @Override
        public int encode(short[] pcm, int samples, byte[] out, int outOff) {
            ALaw.encode(pcm, 0, out, outOff, samples);
            return samples;
        }
    };

    /** The codec for an {@code a=rtpmap} encoding name and clock rate, if the mixer has it. */
    public static Optional<AudioCodec> forEncoding(String encoding, int clockRate) {
        if (clockRate != 8000) {
            return Optional.empty();
        }
        switch (encoding.toLowerCase(Locale.ROOT)) {
            case "pcmu":
                return Optional.of(PCMU);
            case "pcma":
                return Optional.of(PCMA);
            default:
                return Optional.empty();
        }
    }

    @Override
    public int clockRate() {
        return 8000;
    }

    @Override
    public int payloadBytes(int samples) {
        return samples;
    }

    @Override
    public int samples(int payloadBytes) {
        return payloadBytes;
    }
}
