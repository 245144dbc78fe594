/**
 * Parley's pure media library (DESIGN.md, media-core): RTP and RTCP packets, receiver
 * statistics, G.711, RFC 4733 events and the jitter buffer. No sockets, threads, SIP or UI
 * (enforced by {@code PurityTest}); the packet path allocates nothing. Parsers are static
 * accessors or reusable cursors over {@code (byte[] buf, int off, int len)}; a bad packet is a
 * {@link dev.parley.media.DropReason} on the hot path or one checked exception per layer.
 */
package dev.parley.media;
