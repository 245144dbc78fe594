package dev.parley.mixer.net;

/**
 * What the focus reads about a live endpoint.
 *
 * @param ports its local ports
 * @param audioLevel its last 20 ms of audio as RFC 6464 §3 gives levels: 0 (0 dBov, loudest) to
 *     127 (-127 dBov or silence); 127 for muted and non-audio endpoints
 */
public record EndpointStatus(EndpointPorts ports, int audioLevel) {}
