package dev.parley.ua.media.video;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Rebuilds a VP8 frame from its RTP payloads (RFC 7741 §4): descriptors stripped, payloads
 * joined. The frame is a key frame when the P bit of the VP8 payload header (the first byte of
 * the frame, RFC 7741 §4.3, RFC 6386 §9.1) is 0.
 */
public final class Vp8Depacketizer implements Depacketizer {
    @Override
    public boolean canStartFrame(byte[] payload) {
        try {
            return Vp8Descriptor.parse(payload, 0, payload.length).startsFrame();
        } catch (PayloadFormatException e) {
            return false;
        }
    }

    @Override
    public EncodedFrame depacketize(List<byte[]> payloads) throws PayloadFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pictureId = -1;
        for (int i = 0; i < payloads.size(); i++) {
            byte[] p = payloads.get(i);
            Vp8Descriptor d = Vp8Descriptor.parse(p, 0, p.length);
            if (i == 0 && !d.startsFrame()) {
                throw new PayloadFormatException("packet 0: the frame's first packet needs S=1 and PID=0");
            }
            if (i > 0 && d.pictureId() != pictureId) {
                throw new PayloadFormatException(
                        "packet " + i + ": PictureID " + d.pictureId() + " in a frame with PictureID " + pictureId);
            }
            pictureId = d.pictureId();
            out.write(p, d.size(), p.length - d.size());
        }
        byte[] frame = out.toByteArray();
        if (frame.length == 0) {
            throw new PayloadFormatException("no VP8 payload");
        }
        return new EncodedFrame(frame, isKeyFrame(frame));
    }

    /** Whether a VP8 frame is a key frame: P (bit 0 of the first byte) is 0 (RFC 6386 §9.1). */
    public static boolean isKeyFrame(byte[] frame) {
        return frame.length > 0 && (frame[0] & 0x01) == 0;
    }
}
