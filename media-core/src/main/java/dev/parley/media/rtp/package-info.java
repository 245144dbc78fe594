/**
 * RTP (RFC 3550 §5): the fixed header, CSRC list and header extension, RFC 8285 one-byte and
 * two-byte extension elements, and writers for the same fields.
 */
package dev.parley.media.rtp;
