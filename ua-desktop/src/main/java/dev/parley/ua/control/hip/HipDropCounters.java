package dev.parley.ua.control.hip;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Drops per {@link HipDrop}: bumped by the session's reader thread, read by whoever reports
 * (the console, {@code /metrics}); values read on other threads may lag by one frame.
 */
public final class HipDropCounters {
    private final Map<HipDrop, LongAdder> counts = new EnumMap<>(HipDrop.class);

    public HipDropCounters() {
        for (HipDrop d : HipDrop.values()) {
            counts.put(d, new LongAdder());
        }
    }

    public void count(HipDrop drop) {
        adder(drop).increment();
    }

    public long get(HipDrop drop) {
        return adder(drop).sum();
    }

    public long total() {
        long total = 0;
        for (LongAdder a : counts.values()) {
            total += a.sum();
        }
        return total;
    }

    /** The non-zero counts, for a log line or a metrics export. */
    public Map<HipDrop, Long> snapshot() {
        Map<HipDrop, Long> out = new EnumMap<>(HipDrop.class);
        counts.forEach((d, a) -> {
            if (a.sum() > 0) {
                out.put(d, a.sum());
            }
        });
        return out;
    }

    private LongAdder adder(HipDrop drop) {
        LongAdder a = counts.get(drop);
        if (a == null) {
            throw new IllegalStateException("no counter for " + drop); // every constant has one
        }
        return a;
    }
}
