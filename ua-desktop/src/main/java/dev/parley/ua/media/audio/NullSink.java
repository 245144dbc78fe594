package dev.parley.ua.media.audio;

/** Discards what is received ({@code null}). */
public final class NullSink implements AudioSink {
    @Override
    public void write(short[] frame) {}

    @Override
    public void close() {}
}
