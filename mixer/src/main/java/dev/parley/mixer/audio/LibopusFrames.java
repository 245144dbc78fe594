package dev.parley.mixer.audio;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;

/**
 * libopus's two per-frame calls, {@code opus_decode} and {@code opus_encode} (opus.h), bound by
 * JNA direct mapping to the library opus-java loaded. opus-java's interface binding makes every
 * call through a proxy that allocates an argument array and boxes its ints (about 110 bytes a
 * call); direct mapping passes the primitives, the array and the direct buffers as they are, so a
 * frame costs the Java heap nothing. Everything else (making, tuning and freeing the states) goes
 * through opus-java's {@code Opus} interface.
 */
final class LibopusFrames {
    private LibopusFrames() {}

    /** Binds the two calls to the library at {@code path}; once per JVM, before any call. */
    static void bind(String path) {
        Native.register(LibopusFrames.class, NativeLibrary.getInstance(path));
    }

    /** {@code int opus_decode(OpusDecoder *st, const unsigned char *data, opus_int32 len, opus_int16 *pcm, int frame_size, int decode_fec)}. */
    static native int opus_decode(Pointer st, byte[] data, int len, ShortBuffer pcm, int frameSize, int decodeFec);

    /** {@code opus_int32 opus_encode(OpusEncoder *st, const opus_int16 *pcm, int frame_size, unsigned char *data, opus_int32 max_data_bytes)}. */
    static native int opus_encode(Pointer st, ShortBuffer pcm, int frameSize, ByteBuffer data, int maxDataBytes);
}
