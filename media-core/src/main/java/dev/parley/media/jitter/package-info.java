/**
 * The adaptive jitter buffer, for decoded audio frames with packet-loss concealment ({@link
 * dev.parley.media.jitter.JitterBuffer}) or for encoded packets in front of a decoder that keeps
 * state ({@link dev.parley.media.jitter.PacketJitterBuffer}), driven by its owner's tick; time is
 * a parameter.
 */
package dev.parley.media.jitter;
