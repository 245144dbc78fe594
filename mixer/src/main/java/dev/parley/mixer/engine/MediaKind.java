package dev.parley.mixer.engine;

/**
 * What an endpoint carries, as the SDP m-line says (RFC 8866 §5.14). Audio is mixed; video and
 * slides (an m=video line with {@code a=content:slides}, RFC 4796) are forwarded unchanged.
 */
public enum MediaKind {
    AUDIO,
    VIDEO,
    SLIDES;

    /** True for kinds the mixer forwards rather than mixes. */
    public boolean forwarded() {
        return this != AUDIO;
    }
}
