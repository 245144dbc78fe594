package dev.parley.ua.media.audio;

import dev.parley.media.g711.ALaw;
import dev.parley.media.g711.MuLaw;
import dev.parley.media.resample.Resampler;

/** G.711 µ-law (PCMU) or A-law (PCMA) at 8 kHz, resampled to and from the agent's 48 kHz (media-core). */
final class G711AudioCodec implements AudioCodec {
    private static final int NARROW = 160;

    private final boolean muLaw;
    private final Resampler down = new Resampler(AudioSource.RATE, 8000, AudioSource.FRAME);
    private final Resampler up = new Resampler(8000, AudioSource.RATE, NARROW);
    private final short[] narrow = new short[down.maxOutput(AudioSource.FRAME)];
    private final short[] decoded = new short[NARROW];
    private final short[] wide;

    G711AudioCodec(boolean muLaw) {
        this.muLaw = muLaw;
        this.wide = new short[up.maxOutput(NARROW)];
    }

    @Override
    public int clockRate() {
        return 8000;
    }

    @Override
    public int encode(short[] frame, byte[] out, int off) {
        int n = down.process(frame, 0, AudioSource.FRAME, narrow, 0);
        if (muLaw) {
            MuLaw.encode(narrow, 0, out, off, n);
        } else {
            ALaw.encode(narrow, 0, out, off, n);
        }
        return n;
    }

    @Override
    public int decode(byte[] payload, int off, int len, short[] frame) {
        if (len != NARROW) {
            return -1; // the agent offers ptime 20: anything else is not a frame it can play
        }
        if (muLaw) {
            MuLaw.decode(payload, off, decoded, 0, len);
        } else {
            ALaw.decode(payload, off, decoded, 0, len);
        }
        int n = up.process(decoded, 0, len, wide, 0);
        if (n != AudioSource.FRAME) {
            return -1;
        }
        System.arraycopy(wide, 0, frame, 0, n);
        return n;
    }
}
