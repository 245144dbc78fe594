package dev.parley.mixer.audio;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;

/**
 * Opus (RFC 6716) in RTP (RFC 7587): the RTP clock is always 48 kHz (§4.1), whatever the audio
 * bandwidth. Through concentus: packets are decoded at 48 kHz and decimated to the 8 kHz mix rate
 * (concentus 1.0.2 decodes fullband CELT and hybrid packets to silence when asked for 8 kHz
 * directly); the mix is encoded from 8 kHz, so an Opus participant hears narrowband audio. One
 * instance per endpoint: the encoder, decoder and decimator keep state between frames.
 */
public final class OpusCodec implements AudioCodec {
    /** RFC 7587 §4.1. */
    public static final int RTP_CLOCK = 48_000;
    /** Bits per second of the encoded mix: plenty for 8 kHz speech. */
    static final int BITRATE = 24_000;

    /** The longest Opus packet, 120 ms (RFC 6716 §3.2.5), at 48 kHz. */
    private static final int MAX_DECODED = 5760;

    private final OpusDecoder decoder;
    private final OpusEncoder encoder;
    private final Decimator decimator = new Decimator(RTP_CLOCK / MIX_RATE, 8);
    private final short[] wide = new short[MAX_DECODED];

    public OpusCodec() {
        try {
            decoder = new OpusDecoder(RTP_CLOCK, 1);
            encoder = new OpusEncoder(MIX_RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        } catch (OpusException e) {
            throw new IllegalStateException("concentus refused 8 kHz mono, which Opus supports", e);
        }
        encoder.setBitrate(BITRATE);
    }

    @Override
    public int clockRate() {
        return RTP_CLOCK;
    }

    @Override
    public int decode(byte[] payload, int off, int len, short[] pcm) {
        try {
            int decoded = decoder.decode(payload, off, len, wide, 0, MAX_DECODED, false);
            int factor = RTP_CLOCK / MIX_RATE;
            if (decoded < 0 || decoded % factor != 0 || decoded / factor > pcm.length) {
                return -1;
            }
            return decimator.process(wide, decoded, pcm);
        } catch (OpusException | RuntimeException e) {
            // A malformed packet: counted by the caller, like any undecodable payload.
            return -1;
        }
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
