package dev.parley.mixer.audio;

import dev.parley.media.resample.Resampler;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * Opus (RFC 6716, in RTP per RFC 7587) in pure Java through concentus: the fallback when native
 * libopus does not load ({@link OpusCodecs}). Packets are decoded at 48 kHz and brought down to
 * 16 kHz by media-core's {@link Resampler} (concentus 1.0.2 decodes hybrid and fullband packets
 * to silence when asked for 8, 16 or 24 kHz directly); the mix is encoded from 16 kHz, which any
 * Opus decoder plays at its own rate. One instance per endpoint: the encoder, decoder and
 * resampler keep state between frames.
 */
public final class ConcentusOpusCodec implements AudioCodec {
    private static final int RTP_CLOCK = OpusCodecs.RTP_CLOCK;
    /** The longest Opus packet, 120 ms (RFC 6716 §3.2.5), at 48 kHz. */
    private static final int MAX_DECODED = 5760;

    private final OpusDecoder decoder;
    private final OpusEncoder encoder;
    private final Resampler down = new Resampler(RTP_CLOCK, WIDEBAND, MAX_DECODED);
    private final short[] full = new short[MAX_DECODED];

    public ConcentusOpusCodec() {
        try {
            decoder = new OpusDecoder(RTP_CLOCK, 1);
            encoder = new OpusEncoder(WIDEBAND, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        } catch (OpusException e) {
            throw new IllegalStateException("concentus refused 48 or 16 kHz mono, which Opus supports", e);
        }
        encoder.setBitrate(OpusCodecs.BITRATE);
        encoder.setComplexity(OpusCodecs.COMPLEXITY);
    }

    @Override
    public int clockRate() {
        return RTP_CLOCK;
    }

    @Override
    public int sampleRate() {
        return WIDEBAND;
    }

    @Override
    public int decode(byte[] payload, int off, int len, short[] pcm) {
        int decoded;
        try {
            decoded = decoder.decode(payload, off, len, full, 0, MAX_DECODED, false);
        } catch (OpusException | RuntimeException e) {
            // A malformed packet: counted by the caller, like any undecodable payload.
            return -1;
        }
        int factor = RTP_CLOCK / WIDEBAND;
        if (decoded <= 0 || decoded % factor != 0 || down.maxOutput(decoded) > pcm.length) {
            return -1;
        }
        return down.process(full, 0, decoded, pcm, 0);
    }

    @Override
    public int encode(short[] pcm, int samples, byte[] out, int outOff, int maxBytes) {
        try {
            return encoder.encode(pcm, 0, samples, out, outOff, maxBytes);
        } catch (OpusException | RuntimeException e) {
            return -1;
        }
    }
}
