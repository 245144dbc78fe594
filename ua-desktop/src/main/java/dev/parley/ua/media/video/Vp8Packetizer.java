package dev.parley.ua.media.video;

import java.util.ArrayList;
import java.util.List;

/**
 * RTP payloads for one VP8 frame (RFC 7741 §4): the frame cut into equal pieces, each behind a
 * payload descriptor with a 15-bit PictureID that grows by one per frame; the first piece has
 * S=1 and PID=0. Partition boundaries are not followed (allowed by §4.4).
 */
public final class Vp8Packetizer implements Packetizer {
    private static final int DESCRIPTOR_SIZE = 4;

    private final int maxPayloadSize;
    private int pictureId;

    /** @param maxPayloadSize largest RTP payload to produce; {@code initialPictureId} starts the count */
    public Vp8Packetizer(int maxPayloadSize, int initialPictureId) {
        if (maxPayloadSize <= DESCRIPTOR_SIZE) {
            throw new IllegalArgumentException("payload size must exceed the 4-byte descriptor: " + maxPayloadSize);
        }
        this.maxPayloadSize = maxPayloadSize;
        this.pictureId = initialPictureId & 0x7FFF;
    }

    @Override
    public List<byte[]> packetize(byte[] frame) {
        List<byte[]> payloads = new ArrayList<>();
        if (frame.length == 0) {
            return payloads;
        }
        int chunk = maxPayloadSize - DESCRIPTOR_SIZE;
        int pieces = (frame.length + chunk - 1) / chunk;
        int size = (frame.length + pieces - 1) / pieces;
        for (int at = 0; at < frame.length; at += size) {
            int n = Math.min(size, frame.length - at);
            byte[] p = new byte[DESCRIPTOR_SIZE + n];
            Vp8Descriptor.of(false, at == 0, 0, pictureId).write(p, 0);
            System.arraycopy(frame, at, p, DESCRIPTOR_SIZE, n);
            payloads.add(p);
        }
        pictureId = (pictureId + 1) & 0x7FFF;
        return payloads;
    }
}
