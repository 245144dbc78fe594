package dev.parley.ua.media.video;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The H.264 byte stream format (ITU-T H.264 Annex B): NAL units separated by the start codes
 * {@code 00 00 01} or {@code 00 00 00 01}. Encoders write it; decoders read it.
 */
public final class AnnexB {
    private static final byte[] START_CODE = {0, 0, 0, 1};

    private AnnexB() {}

    /** One NAL unit inside a byte stream: {@code (offset, length)} without the start code. */
    public record Nal(int offset, int length) {
        /** The nal_unit_type (H.264 §7.4.1): 5 IDR slice, 7 SPS, 8 PPS, 9 access unit delimiter. */
        public int type(byte[] stream) {
            return stream[offset] & 0x1F;
        }
    }

    /** The NAL units of {@code stream}, in order; bytes before the first start code are ignored. */
    public static List<Nal> split(byte[] stream) {
        List<Nal> nals = new ArrayList<>();
        int start = -1;
        int i = 0;
        while (i + 2 < stream.length) {
            if (stream[i] == 0 && stream[i + 1] == 0 && stream[i + 2] == 1) {
                if (start >= 0) {
                    addTrimmed(nals, stream, start, i);
                }
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0) {
            addTrimmed(nals, stream, start, stream.length);
        }
        return nals;
    }

    /** Adds {@code [start, end)} without the trailing zero bytes that belong to a 4-byte start code. */
    private static void addTrimmed(List<Nal> nals, byte[] stream, int start, int end) {
        int e = end;
        while (e > start && stream[e - 1] == 0) {
            e--;
        }
        if (e > start) {
            nals.add(new Nal(start, e - start));
        }
    }

    /** Appends a 4-byte start code to {@code out}. */
    static void writeStartCode(ByteArrayOutputStream out) {
        out.write(START_CODE, 0, START_CODE.length);
    }
}
