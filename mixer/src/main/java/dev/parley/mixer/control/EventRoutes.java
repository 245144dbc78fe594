package dev.parley.mixer.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code GET /v1/events?after=N&wait=S} (docs/mixer-api.md): the events numbered after N,
 * waiting up to S seconds (at most 25) for the first. {@code last} tells the caller where to
 * continue; a {@code last} lower than its own {@code after} means the mixer restarted.
 */
final class EventRoutes {
    static final String PATH = "/v1/events";
    private static final long MAX_WAIT_SECONDS = 25;

    private final EventLog events;

    EventRoutes(EventLog events) {
        this.events = events;
    }

    HttpReply handle(String method, Optional<String> query) {
        if (!method.equals("GET")) {
            return HttpReply.error(405, "method " + method + " not allowed here", Optional.empty());
        }
        long after = 0;
        long wait = 0;
        for (String pair : query.orElse("").split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                if (name.equals("after")) {
                    after = Long.parseLong(value);
                } else if (name.equals("wait")) {
                    wait = Math.min(MAX_WAIT_SECONDS, Long.parseLong(value));
                }
            } catch (NumberFormatException e) {
                return HttpReply.error(400, name + " must be a whole number, got '" + value + "'", Optional.of(name));
            }
        }
        if (after < 0 || wait < 0) {
            return HttpReply.error(
                    400, "after and wait must not be negative", Optional.of(after < 0 ? "after" : "wait"));
        }
        ObjectNode out = HttpReply.object();
        ArrayNode list = out.putArray("events");
        try {
            for (EventLog.Event e : events.after(after, Duration.ofSeconds(wait))) {
                ObjectNode o = list.addObject();
                o.put("seq", e.seq());
                o.put("type", e.type());
                o.put("conference", e.conference());
                o.put("endpoint", e.endpoint());
                e.detail().forEach(o::put);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HttpReply.error(503, "mixer stopping", Optional.empty());
        }
        out.put("last", events.last());
        out.put("boot", events.boot());
        return HttpReply.json(200, out);
    }
}
