package dev.parley.ua.media.audio;

/** Where received audio goes: 20 ms frames of 48 kHz mono 16-bit PCM, one per tick. */
public interface AudioSink extends AutoCloseable {
    void write(short[] frame);

    @Override
    void close();
}
