package dev.parley.media.jitter;

/** What {@link JitterBuffer#poll} put into the caller's frame. */
public enum Playout {
    /** Nothing to play yet: the buffer is filling to its target delay; silence. */
    BUFFERING,
    /** The frame that was due, as received. */
    PLAYED,
    /** The frame was missing: the last frame repeated, attenuated. */
    CONCEALED,
    /** The frame was missing for longer than concealment covers: silence. */
    SILENCE,
}
