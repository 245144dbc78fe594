package dev.parley.mixer.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The mixer's recent events for the focus to read with {@code GET /v1/events?after=N}: a
 * bounded ring, numbered from 1 since the daemon started, read by long polling so that a key
 * press reaches the focus at once without the focus taking connections. Thread-safe: every
 * method holds this object's lock.
 */
public final class EventLog {
    /** One event: what happened where, with its details as flat strings. */
    public record Event(long seq, String type, String conference, String endpoint, Map<String, String> detail) {
        public Event {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(conference, "conference");
            Objects.requireNonNull(endpoint, "endpoint");
            detail = Map.copyOf(detail);
        }
    }

    private final Event[] ring;
    /** Different on every start, so a reader knows the mixer restarted (and lost its rooms). */
    private final String boot = java.util.UUID.randomUUID().toString();
    /** Guarded by {@code this}: the number the next event gets. */
    private long next = 1;

    public EventLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.ring = new Event[capacity];
    }

    public synchronized void add(String type, String conference, String endpoint, Map<String, String> detail) {
        ring[(int) (next % ring.length)] = new Event(next, type, conference, endpoint, detail);
        next++;
        notifyAll();
    }

    /** This run's id: a reader that sees it change knows the mixer restarted and lost its rooms. */
    public String boot() {
        return boot;
    }

    /** The number of the newest event, 0 before the first. */
    public synchronized long last() {
        return next - 1;
    }

    /**
     * The events numbered after {@code seq} that the ring still holds, oldest first; waits up to
     * {@code wait} for one when there is none yet.
     */
    public synchronized List<Event> after(long seq, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (next - 1 <= seq) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return List.of();
            }
            wait(Math.max(1, left / 1_000_000));
        }
        long from = Math.max(seq + 1, Math.max(1, next - ring.length));
        List<Event> out = new ArrayList<>((int) (next - from));
        for (long s = from; s < next; s++) {
            out.add(ring[(int) (s % ring.length)]);
        }
        return out;
    }
}
