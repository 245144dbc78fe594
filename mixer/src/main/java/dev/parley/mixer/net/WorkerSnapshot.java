package dev.parley.mixer.net;

import dev.parley.mixer.engine.MediaCounters;

/**
 * One worker's figures at one moment, copied on the worker's thread.
 *
 * @param busyNanos time the worker spent on packets, ticks and control tasks since it started
 */
public record WorkerSnapshot(int index, int conferences, int endpoints, long busyNanos, MediaCounters counters) {}
