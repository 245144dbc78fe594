/**
 * Video for the desktop agent: RTP payload formats for H.264 (RFC 6184) and VP8 (RFC 7741),
 * frame assembly with loss detection, FFmpeg encoders and decoders, capture sources and the
 * per-m-line RTP video session. The payload classes are pure (no sockets, no threads, no
 * FFmpeg); the codec, source and session classes are the edges.
 */
package dev.parley.ua.media.video;
