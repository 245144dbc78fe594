package dev.parley.media.dtmf;

/**
 * One finished telephone event (RFC 4733 §2.5.2): its key, code, volume in -dBm0, duration in
 * RTP timestamp units, the RTP timestamp that names it, and whether an end packet said so or the
 * end was inferred (a new event or silence).
 */
public record Digit(char symbol, int event, int volume, int duration, long timestamp, boolean endSeen) {}
