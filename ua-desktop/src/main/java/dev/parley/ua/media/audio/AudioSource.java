package dev.parley.ua.media.audio;

/**
 * Where the agent's outgoing audio comes from: 20 ms frames of 48 kHz mono 16-bit PCM, one per
 * call of {@link #read} on the stream's 20 ms tick (the tick paces the source; a source never
 * sleeps).
 */
public interface AudioSource extends AutoCloseable {
    /** The agent's audio rate. */
    int RATE = 48_000;
    /** Samples in one 20 ms frame at {@link #RATE}. */
    int FRAME = 960;

    /** Fills {@code frame[0, FRAME)}. */
    void read(short[] frame);

    @Override
    void close();
}
