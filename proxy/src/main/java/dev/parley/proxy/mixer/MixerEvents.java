package dev.parley.proxy.mixer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the mixer's events ({@code GET /v1/events}, long polling, docs/mixer-api.md) on one
 * thread and hands each key press and each endpoint gone silent ({@code rtp-timeout}) to its
 * listener. Survives mixer restarts (numbering starts again; the reply's {@code boot} id changes,
 * and the restart listener is told, since the mixer lost every room) and outages (retries every
 * 2 s).
 */
public final class MixerEvents implements AutoCloseable {
    /** Told of each key press: the mixer conference, the endpoint, the key. */
    @FunctionalInterface
    public interface KeyListener {
        void onKey(String conference, String endpoint, char key);
    }

    /** Told of each endpoint the mixer heard nothing from for its RTP timeout. */
    @FunctionalInterface
    public interface SilenceListener {
        void onSilent(String conference, String endpoint);
    }

    /** Told when the mixer restarted: it holds no conference any more. */
    @FunctionalInterface
    public interface RestartListener {
        void onRestart();
    }

    private static final Logger LOG = LoggerFactory.getLogger(MixerEvents.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final KeyListener listener;
    private final SilenceListener silence;
    private final RestartListener restarted;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread thread;
    private volatile boolean running = true;

    public MixerEvents(
            URI base, String token, KeyListener listener, SilenceListener silence, RestartListener restarted) {
        this.base = base;
        this.authorization = "Bearer " + token;
        this.listener = listener;
        this.silence = silence;
        this.restarted = restarted;
        this.thread = new Thread(this::run, "mixer-events");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        long after = -1;
        String boot = "";
        // After a failed poll the next one does not wait: a restarted mixer has no events to
        // end a long poll with, and its new boot id should be learned at once.
        boolean failed = false;
        while (running) {
            try {
                // The first poll only learns where the numbering is: old presses are not replayed.
                long from = Math.max(after, 0);
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(base.resolve(
                                        "/v1/events?after=" + from + "&wait=" + (after < 0 || failed ? 0 : 20)))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", authorization)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IOException("GET /v1/events answered " + r.statusCode());
                }
                JsonNode body = JSON.readTree(r.body());
                failed = false;
                long last = body.path("last").asLong();
                String nowBoot = body.path("boot").asText("");
                if (!boot.isEmpty() && !nowBoot.equals(boot)) {
                    LOG.warn("the mixer at {} restarted", base);
                    boot = nowBoot;
                    after = 0;
                    restarted.onRestart();
                    continue;
                }
                boot = nowBoot;
                if (after >= 0) {
                    for (JsonNode e : body.path("events")) {
                        if (e.path("type").asText().equals("dtmf")
                                && !e.path("key").asText().isEmpty()) {
                            listener.onKey(
                                    e.path("conference").asText(),
                                    e.path("endpoint").asText(),
                                    e.path("key").asText().charAt(0));
                        } else if (e.path("type").asText().equals("rtp-timeout")) {
                            silence.onSilent(
                                    e.path("conference").asText(),
                                    e.path("endpoint").asText());
                        }
                    }
                }
                after = last < from ? 0 : last;
            } catch (IOException | RuntimeException e) {
                failed = true;
                if (running) {
                    LOG.debug("mixer events: {}; retrying in 2 s", e.toString());
                    sleep();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
