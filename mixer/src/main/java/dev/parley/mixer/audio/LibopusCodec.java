package dev.parley.mixer.audio;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import tomp2p.opuswrapper.Opus;

/**
 * Opus (RFC 6716, in RTP per RFC 7587) through native libopus and opus-java's JNA binding. The
 * decoder runs at 16 kHz, which libopus decodes any packet to (narrowband to fullband); the
 * encoder takes the 16 kHz mix, with the settings of {@link OpusCodecs}. One instance per
 * endpoint, used by its worker's thread only.
 *
 * <p>No allocation per frame: the two per-frame calls go through {@link LibopusFrames} (JNA direct
 * mapping, no proxy, no boxing), and the PCM and packet buffers handed to libopus are direct
 * buffers made once per instance (JNA passes their address as it is; the payload array is copied
 * by JNA's native side, without a Java object).
 *
 * <p>The encoder and decoder live in native memory: {@link #close} frees them (the mixer closes a
 * leg's codecs when the endpoint is removed or its leg is rebuilt); a codec dropped without
 * {@code close} is freed by a {@link Cleaner} when collected. {@link #liveStates} counts the
 * native encoders and decoders not yet freed.
 */
public final class LibopusCodec implements AudioCodec {
    /** The longest Opus packet, 120 ms (RFC 6716 §3.2.5), at the 16 kHz the mixer works in. */
    private static final int MAX_SAMPLES = 120 * WIDEBAND / 1000;
    /** The largest packet the encoder may write (RFC 6716 §3.2.1: 1,275 bytes per frame). */
    private static final int MAX_PACKET = 1500;

    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicInteger LIVE = new AtomicInteger();

    private final Pointer encoder;
    private final Pointer decoder;
    private final Cleaner.Cleanable freeing;
    private final ShortBuffer decoded = shorts(MAX_SAMPLES);
    private final ShortBuffer toEncode = shorts(MAX_SAMPLES);
    private final ByteBuffer packet = ByteBuffer.allocateDirect(MAX_PACKET);
    /** A payload that does not start at index 0 of its array is copied here first (JNA takes whole arrays). */
    private final byte[] payload = new byte[MAX_PACKET];
    /** Set by {@link #close}: the native states are gone, so every later call is refused. */
    private boolean closed;

    /**
     * A wideband Opus encoder and decoder in {@code lib}.
     *
     * @throws IllegalStateException when libopus refuses to make them (out of memory)
     */
    LibopusCodec(Opus lib) {
        IntBuffer error =
                ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).asIntBuffer();
        PointerByReference dec = lib.opus_decoder_create(WIDEBAND, 1, error);
        check(lib, dec, error, "decoder");
        PointerByReference enc = lib.opus_encoder_create(WIDEBAND, 1, Opus.OPUS_APPLICATION_VOIP, error);
        if (enc == null || error.get(0) != Opus.OPUS_OK) {
            lib.opus_decoder_destroy(dec);
            check(lib, enc, error, "encoder");
        }
        LIVE.addAndGet(2);
        this.decoder = dec.getPointer();
        this.encoder = enc.getPointer();
        this.freeing = CLEANER.register(this, new Free(lib, enc, dec));
        lib.opus_encoder_ctl(enc, Opus.OPUS_SET_BITRATE_REQUEST, OpusCodecs.BITRATE);
        lib.opus_encoder_ctl(enc, Opus.OPUS_SET_COMPLEXITY_REQUEST, OpusCodecs.COMPLEXITY);
    }

    private static void check(Opus lib, PointerByReference state, IntBuffer error, String what) {
        if (state == null || error.get(0) != Opus.OPUS_OK) {
            throw new IllegalStateException(
                    "libopus refused a 16 kHz mono " + what + ": " + lib.opus_strerror(error.get(0)));
        }
    }

    private static ShortBuffer shorts(int n) {
        return ByteBuffer.allocateDirect(2 * n).order(ByteOrder.nativeOrder()).asShortBuffer();
    }

    @Override
    public int clockRate() {
        return OpusCodecs.RTP_CLOCK;
    }

    @Override
    public int sampleRate() {
        return WIDEBAND;
    }

    @Override
    public int decode(byte[] in, int off, int len, short[] pcm) {
        if (closed || len <= 0 || len > MAX_PACKET) {
            return -1;
        }
        byte[] data = in;
        if (off != 0) {
            System.arraycopy(in, off, payload, 0, len);
            data = payload;
        }
        int room = Math.min(pcm.length, MAX_SAMPLES);
        // A negative answer is libopus's error code (a malformed packet, or one longer than pcm):
        // counted by the caller like any undecodable payload.
        int samples = LibopusFrames.opus_decode(decoder, data, len, decoded, room, 0);
        if (samples <= 0) {
            return -1;
        }
        decoded.get(pcm, 0, samples).clear();
        return samples;
    }

    @Override
    public int encode(short[] pcm, int samples, byte[] out, int outOff, int maxBytes) {
        if (closed || samples > MAX_SAMPLES) {
            return -1;
        }
        toEncode.clear();
        toEncode.put(pcm, 0, samples).clear();
        int written = LibopusFrames.opus_encode(encoder, toEncode, samples, packet, Math.min(maxBytes, MAX_PACKET));
        if (written <= 0) {
            return -1;
        }
        packet.get(out, outOff, written).clear();
        return written;
    }

    /** Frees the native encoder and decoder; once, whoever calls first (this or the cleaner). */
    @Override
    public void close() {
        closed = true;
        freeing.clean();
    }

    /** Native encoders and decoders made and not yet freed, in this JVM. */
    public static int liveStates() {
        return LIVE.get();
    }

    /** The cleaning action: holds the native states, not the codec, so the codec can be collected. */
    private record Free(Opus lib, PointerByReference encoder, PointerByReference decoder) implements Runnable {
        @Override
        public void run() {
            lib.opus_encoder_destroy(encoder);
            lib.opus_decoder_destroy(decoder);
            LIVE.addAndGet(-2);
        }
    }
}
