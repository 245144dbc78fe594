package dev.parley.ua.media.video;

import java.util.List;

/** Rebuilds one coded frame from the RTP payloads of one frame, in sequence-number order. */
public interface Depacketizer {
    /**
     * Whether {@code payload} can be the first packet of a frame (VP8: S=1 and PID=0; H.264:
     * anything but a continuation fragment). Used when the previous frame's end is unknown.
     */
    boolean canStartFrame(byte[] payload);

    /** The frame the payloads carry; {@link PayloadFormatException} names what is malformed. */
    EncodedFrame depacketize(List<byte[]> payloads) throws PayloadFormatException;
}
