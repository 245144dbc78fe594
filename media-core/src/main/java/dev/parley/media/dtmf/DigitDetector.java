package dev.parley.media.dtmf;

import java.util.function.Consumer;

/**
 * Turns a stream of RFC 4733 telephone-event packets into finished digits, each reported once
 * (§2.5.2): packets of one event share its RTP timestamp; the first packet with the E bit ends
 * it and its retransmissions (§2.5.1.4) are ignored; an event whose end packets were all lost
 * ends when the next event starts or when no packet arrived for the timeout (§2.5.2.2). Non-DTMF
 * events are ignored. Time is a parameter.
 */
public final class DigitDetector {
    private final Consumer<Digit> sink;
    private final long timeoutNanos;

    private boolean active;
    private long activeTimestamp;
    private int activeEvent;
    private int activeVolume;
    private int activeDuration;
    private long lastPacketNanos;
    private boolean anyEnded;
    private long lastEndedTimestamp;

    /**
     * {@code sink} receives each finished digit, on the caller's thread; {@code timeoutNanos}
     * ends an event that stopped without an end packet.
     */
    public DigitDetector(Consumer<Digit> sink, long timeoutNanos) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeoutNanos);
        }
        this.sink = sink;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * Feeds one packet: its RTP timestamp and payload, which must hold {@link TelephoneEvent#SIZE}
     * bytes (see {@link TelephoneEvent#validate}).
     */
    public void onPacket(long rtpTimestamp, byte[] payload, int off, long arrivalNanos) {
        int event = TelephoneEvent.event(payload, off);
        if (!TelephoneEvent.isDtmf(event)) {
            return;
        }
        if (anyEnded && (int) (rtpTimestamp - lastEndedTimestamp) <= 0) {
            return;
        }
        if (active && rtpTimestamp != activeTimestamp) {
            if ((int) (rtpTimestamp - activeTimestamp) < 0) {
                return;
            }
            finish(false);
        }
        if (!active) {
            active = true;
            activeTimestamp = rtpTimestamp;
            activeEvent = event;
            activeDuration = 0;
        }
        activeVolume = TelephoneEvent.volume(payload, off);
        activeDuration = Math.max(activeDuration, TelephoneEvent.duration(payload, off));
        lastPacketNanos = arrivalNanos;
        if (TelephoneEvent.end(payload, off)) {
            finish(true);
        }
    }

    /** Ends an event that has had no packet for the timeout. Call it on every tick. */
    public void poll(long nowNanos) {
        if (active && nowNanos - lastPacketNanos >= timeoutNanos) {
            finish(false);
        }
    }

    /** True while an event has started and not yet ended. */
    public boolean inEvent() {
        return active;
    }

    private void finish(boolean endSeen) {
        active = false;
        anyEnded = true;
        lastEndedTimestamp = activeTimestamp;
        sink.accept(new Digit(
                TelephoneEvent.symbol(activeEvent),
                activeEvent,
                activeVolume,
                activeDuration,
                activeTimestamp,
                endSeen));
    }
}
