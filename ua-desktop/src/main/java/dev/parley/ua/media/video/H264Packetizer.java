package dev.parley.ua.media.video;

import java.util.ArrayList;
import java.util.List;

/**
 * RTP payloads for one H.264 access unit in packetization mode 1 (RFC 6184 §6.3): a NAL unit
 * that fits goes alone (single NAL unit packet, §5.6); SPS and PPS (and any other small
 * parameter NAL units in a row) go together in one STAP-A (§5.7.1); a NAL unit larger than the
 * payload size is cut into FU-A fragments (§5.8). Access unit delimiters are not sent.
 *
 * <pre>
 * NAL unit header / FU indicator / STAP-A header:   FU header:
 * +---------------+                                  +---------------+
 * |0|1|2|3|4|5|6|7|                                  |0|1|2|3|4|5|6|7|
 * +-+-+-+-+-+-+-+-+                                  +-+-+-+-+-+-+-+-+
 * |F|NRI|  Type   |   Type 24 = STAP-A, 28 = FU-A    |S|E|R|  Type   |
 * +---------------+                                  +---------------+
 * </pre>
 */
public final class H264Packetizer implements Packetizer {
    static final int TYPE_IDR = 5;
    static final int TYPE_SPS = 7;
    static final int TYPE_PPS = 8;
    static final int TYPE_AUD = 9;
    static final int TYPE_STAP_A = 24;
    static final int TYPE_FU_A = 28;

    private final int maxPayloadSize;

    /** @param maxPayloadSize largest RTP payload to produce (MTU less IP, UDP and RTP headers) */
    public H264Packetizer(int maxPayloadSize) {
        if (maxPayloadSize < 3) {
            throw new IllegalArgumentException("payload size must leave room for FU-A headers: " + maxPayloadSize);
        }
        this.maxPayloadSize = maxPayloadSize;
    }

    @Override
    public List<byte[]> packetize(byte[] accessUnit) {
        List<AnnexB.Nal> nals = AnnexB.split(accessUnit);
        List<byte[]> payloads = new ArrayList<>();
        List<AnnexB.Nal> aggregate = new ArrayList<>();
        for (AnnexB.Nal nal : nals) {
            int type = nal.type(accessUnit);
            if (type == TYPE_AUD) {
                continue;
            }
            if (isParameterSet(type) && nal.length() + 2 <= maxPayloadSize - 1) {
                if (stapASize(aggregate) + 2 + nal.length() > maxPayloadSize) {
                    flush(accessUnit, aggregate, payloads);
                }
                aggregate.add(nal);
                continue;
            }
            flush(accessUnit, aggregate, payloads);
            if (nal.length() <= maxPayloadSize) {
                payloads.add(copy(accessUnit, nal.offset(), nal.length()));
            } else {
                fragment(accessUnit, nal, payloads);
            }
        }
        flush(accessUnit, aggregate, payloads);
        return payloads;
    }

    private static boolean isParameterSet(int type) {
        return type == TYPE_SPS || type == TYPE_PPS;
    }

    private static int stapASize(List<AnnexB.Nal> aggregate) {
        int size = 1;
        for (AnnexB.Nal nal : aggregate) {
            size += 2 + nal.length();
        }
        return size;
    }

    /** Sends what is gathered: one NAL alone as a single NAL unit packet, more as a STAP-A. */
    private static void flush(byte[] au, List<AnnexB.Nal> aggregate, List<byte[]> payloads) {
        if (aggregate.isEmpty()) {
            return;
        }
        if (aggregate.size() == 1) {
            AnnexB.Nal nal = aggregate.get(0);
            payloads.add(copy(au, nal.offset(), nal.length()));
            aggregate.clear();
            return;
        }
        byte[] stap = new byte[stapASize(aggregate)];
        int nri = 0;
        int at = 1;
        for (AnnexB.Nal nal : aggregate) {
            nri = Math.max(nri, au[nal.offset()] & 0x60);
            stap[at] = (byte) (nal.length() >>> 8);
            stap[at + 1] = (byte) nal.length();
            System.arraycopy(au, nal.offset(), stap, at + 2, nal.length());
            at += 2 + nal.length();
        }
        stap[0] = (byte) (nri | TYPE_STAP_A);
        payloads.add(stap);
        aggregate.clear();
    }

    /** FU-A (RFC 6184 §5.8): the NAL header is carried in the FU indicator and FU header. */
    private void fragment(byte[] au, AnnexB.Nal nal, List<byte[]> payloads) {
        int header = au[nal.offset()] & 0xFF;
        int indicator = (header & 0xE0) | TYPE_FU_A;
        int type = header & 0x1F;
        int chunk = maxPayloadSize - 2;
        int remaining = nal.length() - 1;
        int fragments = (remaining + chunk - 1) / chunk;
        // Spread the bytes evenly so the last fragment is not a runt.
        int size = (remaining + fragments - 1) / fragments;
        int at = nal.offset() + 1;
        for (int i = 0; i < fragments; i++) {
            int n = Math.min(size, remaining);
            byte[] fu = new byte[2 + n];
            fu[0] = (byte) indicator;
            fu[1] = (byte) ((i == 0 ? 0x80 : 0) | (i == fragments - 1 ? 0x40 : 0) | type);
            System.arraycopy(au, at, fu, 2, n);
            payloads.add(fu);
            at += n;
            remaining -= n;
        }
    }

    private static byte[] copy(byte[] src, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(src, off, out, 0, len);
        return out;
    }
}
