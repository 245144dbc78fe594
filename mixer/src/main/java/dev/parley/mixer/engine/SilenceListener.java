package dev.parley.mixer.engine;

/**
 * Told when an endpoint that should be sending has sent neither RTP nor RTCP for the mixer's
 * RTP timeout (for the focus to end that participant's call). Told once per silence; traffic
 * from the endpoint starts the count again.
 */
@FunctionalInterface
public interface SilenceListener {
    /**
     * @param conference the conference id
     * @param endpoint the silent endpoint
     * @param silentMillis how long it has been silent
     */
    void onSilent(String conference, String endpoint, long silentMillis);
}
