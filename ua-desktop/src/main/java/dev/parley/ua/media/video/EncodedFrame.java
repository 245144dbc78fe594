package dev.parley.ua.media.video;

/**
 * One coded picture as it leaves an encoder or a depacketizer: an H.264 access unit in Annex B
 * byte-stream form (ITU-T H.264 Annex B) or one VP8 frame (RFC 6386).
 *
 * @param data the coded bytes; owned by whoever holds the record, not copied
 * @param keyFrame true for an H.264 IDR access unit or a VP8 key frame: decodable alone
 */
public record EncodedFrame(byte[] data, boolean keyFrame) {}
