package dev.parley.ua.media.video;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Rebuilds an H.264 access unit in Annex B form from the RTP payloads of packetization mode 1
 * (RFC 6184 §6.3): single NAL unit packets (types 1-23), STAP-A (24) and FU-A (28). STAP-B,
 * MTAP and FU-B belong to the interleaved mode and are refused, as are the reserved types.
 */
public final class H264Depacketizer implements Depacketizer {
    @Override
    public boolean canStartFrame(byte[] payload) {
        if (payload.length == 0) {
            return false;
        }
        int type = payload[0] & 0x1F;
        return type != H264Packetizer.TYPE_FU_A || (payload.length > 1 && (payload[1] & 0x80) != 0);
    }

    @Override
    public EncodedFrame depacketize(List<byte[]> payloads) throws PayloadFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean idr = false;
        boolean inFragment = false;
        for (int i = 0; i < payloads.size(); i++) {
            byte[] p = payloads.get(i);
            if (p.length == 0) {
                throw new PayloadFormatException("packet " + i + ": empty payload");
            }
            if ((p[0] & 0x80) != 0) {
                throw new PayloadFormatException("packet " + i + ": forbidden_zero_bit is set");
            }
            int type = p[0] & 0x1F;
            if (inFragment && type != H264Packetizer.TYPE_FU_A) {
                throw new PayloadFormatException("packet " + i + ": FU-A ended without its E bit");
            }
            if (type >= 1 && type <= 23) {
                AnnexB.writeStartCode(out);
                out.write(p, 0, p.length);
                idr |= type == H264Packetizer.TYPE_IDR;
            } else if (type == H264Packetizer.TYPE_STAP_A) {
                idr |= unpackStapA(p, i, out);
            } else if (type == H264Packetizer.TYPE_FU_A) {
                if (p.length < 3) {
                    throw new PayloadFormatException("packet " + i + ": FU-A needs 3 bytes, got " + p.length);
                }
                boolean start = (p[1] & 0x80) != 0;
                boolean end = (p[1] & 0x40) != 0;
                if (start == inFragment) {
                    throw new PayloadFormatException("packet " + i
                            + (start ? ": FU-A start inside a fragmented NAL" : ": FU-A fragment without a start"));
                }
                if (start) {
                    int nalType = p[1] & 0x1F;
                    AnnexB.writeStartCode(out);
                    out.write((p[0] & 0xE0) | nalType);
                    idr |= nalType == H264Packetizer.TYPE_IDR;
                }
                out.write(p, 2, p.length - 2);
                inFragment = !end;
            } else {
                throw new PayloadFormatException(
                        "packet " + i + ": NAL unit type " + type + " is not used in packetization mode 1");
            }
        }
        if (inFragment) {
            throw new PayloadFormatException("last FU-A has no E bit");
        }
        return new EncodedFrame(out.toByteArray(), idr);
    }

    /** Writes each aggregated NAL unit of a STAP-A (RFC 6184 §5.7.1); true if one is an IDR slice. */
    private static boolean unpackStapA(byte[] p, int index, ByteArrayOutputStream out) throws PayloadFormatException {
        boolean idr = false;
        int at = 1;
        if (p.length == 1) {
            throw new PayloadFormatException("packet " + index + ": STAP-A without NAL units");
        }
        while (at < p.length) {
            if (at + 2 > p.length) {
                throw new PayloadFormatException(
                        "packet " + index + ": STAP-A size field at byte " + at + " is truncated");
            }
            int size = ((p[at] & 0xFF) << 8) | (p[at + 1] & 0xFF);
            at += 2;
            if (size == 0 || at + size > p.length) {
                throw new PayloadFormatException("packet " + index + ": STAP-A NAL unit of " + size + " bytes at byte "
                        + at + ", " + (p.length - at) + " left");
            }
            AnnexB.writeStartCode(out);
            out.write(p, at, size);
            idr |= (p[at] & 0x1F) == H264Packetizer.TYPE_IDR;
            at += size;
        }
        return idr;
    }
}
