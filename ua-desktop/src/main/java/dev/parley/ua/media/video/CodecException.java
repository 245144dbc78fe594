package dev.parley.ua.media.video;

/** An FFmpeg codec could not be found, opened or fed; the message names the codec and the error. */
public final class CodecException extends Exception {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }

    /** An exception for a negative FFmpeg return code, with FFmpeg's own text for it. */
    static CodecException of(String what, int errorCode) {
        byte[] text = new byte[256];
        org.bytedeco.ffmpeg.global.avutil.av_strerror(errorCode, text, text.length);
        int n = 0;
        while (n < text.length && text[n] != 0) {
            n++;
        }
        return new CodecException(what + ": " + new String(text, 0, n, java.nio.charset.StandardCharsets.UTF_8));
    }
}
