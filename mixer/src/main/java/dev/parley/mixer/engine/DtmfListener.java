package dev.parley.mixer.engine;

/** Told of each RFC 4733 key press a participant sends (for the focus's DTMF menus). */
@FunctionalInterface
public interface DtmfListener {
    /**
     * @param conference the conference id
     * @param endpoint the endpoint that sent the event
     * @param key the key (0-9, *, #, A-D, or ? for other events)
     * @param durationMillis how long the key was held
     */
    void onDtmf(String conference, String endpoint, char key, int durationMillis);
}
