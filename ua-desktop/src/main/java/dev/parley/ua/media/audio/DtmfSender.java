package dev.parley.ua.media.audio;

import dev.parley.media.dtmf.TelephoneEvent;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Queue;

/**
 * Key presses as RFC 4733 telephone-events, one packet per 20 ms tick: each key lasts 100 ms
 * (five packets with growing duration, the first with the marker), then three end packets
 * (§2.5.1.4), then a 60 ms pause before the next key. All of one key's packets carry the
 * timestamp of its start (§2.3.1). Pure: the stream asks {@link #next} on each tick.
 */
public final class DtmfSender {
    static final int TONE_TICKS = 5;
    static final int END_PACKETS = 3;
    static final int GAP_TICKS = 3;
    private static final String KEYS = "0123456789*#ABCD";

    /** One packet to send: the event payload is already in the caller's buffer. */
    public record Packet(boolean marker, boolean startsEvent, int length) {}

    private final Queue<Integer> keys = new ArrayDeque<>();
    private int event = -1;
    private int tick;

    /** The RFC 4733 event code of a key (0-9 → 0-9, * → 10, # → 11, A-D → 12-15), or -1. */
    public static int eventOf(char key) {
        return KEYS.indexOf(Character.toUpperCase(key));
    }

    /** Queues a key; false if it is not a DTMF key. */
    public boolean press(char key) {
        int e = eventOf(key);
        if (e < 0) {
            return false;
        }
        keys.add(e);
        return true;
    }

    /** True while a key is being sent (the stream sends no voice then). */
    public boolean busy() {
        return event >= 0 || !keys.isEmpty();
    }

    /**
     * The packet of this tick written at {@code buf[off..]}, with durations in units of {@code
     * timestampsPerTick}; null-free: {@code length 0} means no event packet this tick.
     */
    public Packet next(byte[] buf, int off, int timestampsPerTick) {
        if (event < 0) {
            Integer k = keys.poll();
            if (k == null) {
                return new Packet(false, false, 0);
            }
            event = k;
            tick = 0;
        }
        int t = tick++;
        Packet p;
        if (t < TONE_TICKS) {
            TelephoneEvent.write(buf, off, event, false, 10, (t + 1) * timestampsPerTick);
            p = new Packet(t == 0, t == 0, TelephoneEvent.SIZE);
        } else if (t < TONE_TICKS + END_PACKETS) {
            TelephoneEvent.write(buf, off, event, true, 10, TONE_TICKS * timestampsPerTick);
            p = new Packet(false, false, TelephoneEvent.SIZE);
        } else {
            p = new Packet(false, false, 0);
        }
        if (tick >= TONE_TICKS + END_PACKETS + GAP_TICKS) {
            event = -1;
        }
        return p;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DtmfSender[%d queued]", keys.size());
    }
}
