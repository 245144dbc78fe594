package dev.parley.media.jitter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A deterministic sender and network for jitter buffer tests: frame i leaves at i × 20 ms of
 * the sender's clock, which runs {@code drift} fast (positive) or slow; each frame is delayed
 * by a uniform random 0..{@code jitterMs} (which also reorders them) or lost with {@code
 * lossRate}. The receiver's tick is the fake clock: {@link #runTicks} delivers every frame due
 * before each tick, then polls.
 */
final class FakeNetwork {
    private static final long MS = 1_000_000L;

    record Arrival(int index, long atNanos) {}

    private final List<Arrival> arrivals = new ArrayList<>();
    private int next;
    private long tick;

    FakeNetwork(int frames, double drift, int jitterMs, double lossRate, long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < frames; i++) {
            long sent = Math.round(i * 20 * MS / (1 + drift));
            long delay = 5 * MS + (long) (random.nextDouble() * jitterMs * MS);
            if (random.nextDouble() >= lossRate) {
                arrivals.add(new Arrival(i, sent + delay));
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::atNanos));
    }

    /** Frames the network delivered (not lost). */
    int delivered() {
        return arrivals.size();
    }

    /**
     * Runs the next {@code ticks} receiver ticks, 20 ms apart from 3 ms on the fake clock; returns
     * the frame number each tick played (-1 when it played none).
     */
    int[] runTicks(JitterBuffer buffer, int ticks) {
        int[] played = new int[ticks];
        short[] out = new short[160];
        for (int t = 0; t < ticks; t++) {
            long now = 3 * MS + tick++ * 20 * MS;
            while (next < arrivals.size() && arrivals.get(next).atNanos() <= now) {
                Arrival a = arrivals.get(next++);
                buffer.put(
                        (7_000_000L + 160L * a.index()) & 0xffffffffL,
                        JitterBufferTest.frame(a.index()),
                        0,
                        a.atNanos());
            }
            Playout playout = buffer.poll(out, 0);
            played[t] = playout == Playout.PLAYED ? out[1] : -1;
        }
        return played;
    }
}
