package dev.parley.mixer.audio;

import dev.parley.media.g711.ALaw;
import dev.parley.media.g711.MuLaw;

/**
 * G.711 µ-law (PCMU) and A-law (PCMA), RFC 3551 §4.5.14: one byte per sample at 8 kHz, through
 * media-core's tables. Stateless, so one instance serves every endpoint.
 */
public enum G711 implements AudioCodec {
    PCMU {
        @Override
        public int decode(byte[] payload, int off, int len, short[] pcm) {
            if (len > pcm.length) {
                return -1;
            }
            MuLaw.decode(payload, off, pcm, 0, len);
            return len;
        }

        @Override
        public int encode(short[] pcm, int samples, byte[] out, int outOff, int maxBytes) {
            if (samples > maxBytes) {
                return -1;
            }
            MuLaw.encode(pcm, 0, out, outOff, samples);
            return samples;
        }
    },
    PCMA {
        @Override
        public int decode(byte[] payload, int off, int len, short[] pcm) {
            if (len > pcm.length) {
                return -1;
            }
            ALaw.decode(payload, off, pcm, 0, len);
            return len;
        }

        @Override
        public int encode(short[] pcm, int samples, byte[] out, int outOff, int maxBytes) {
            if (samples > maxBytes) {
                return -1;
            }
            ALaw.encode(pcm, 0, out, outOff, samples);
            return samples;
        }
    };

    @Override
    public int clockRate() {
        return NARROWBAND;
    }

    @Override
    public int sampleRate() {
        return NARROWBAND;
    }

    @Override
    public boolean stateful() {
        return false;
    }
}
