package dev.parley.mixer.audio;

import dev.parley.media.g722.G722Decoder;
import dev.parley.media.g722.G722Encoder;

/**
 * G.722 at 64 kbit/s (RFC 3551 §4.5.2) through media-core: 16 kHz audio, one byte per pair of
 * samples, but an RTP clock of 8000 Hz "for historic reasons", so a 20 ms packet is 160 bytes and
 * advances the timestamp by 160. One instance per endpoint: both directions keep ADPCM state.
 */
public final class G722Codec implements AudioCodec {
    private final G722Decoder decoder = new G722Decoder();
    private final G722Encoder encoder = new G722Encoder();

    @Override
    public int clockRate() {
        return NARROWBAND;
    }

    @Override
    public int sampleRate() {
        return WIDEBAND;
    }

    @Override
    public int decode(byte[] payload, int off, int len, short[] pcm) {
        if (2 * len > pcm.length) {
            return -1;
        }
        return decoder.decode(payload, off, len, pcm, 0);
    }

    @Override
    public int encode(short[] pcm, int samples, byte[] out, int outOff, int maxBytes) {
        if (samples % 2 != 0 || samples / 2 > maxBytes) {
            return -1;
        }
        return encoder.encode(pcm, 0, samples, out, outOff);
    }
}
