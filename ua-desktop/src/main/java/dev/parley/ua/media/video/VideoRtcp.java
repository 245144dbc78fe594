package dev.parley.ua.media.video;

import dev.parley.media.DropReason;
import dev.parley.media.rtcp.Fir;
import dev.parley.media.rtcp.Pli;
import dev.parley.media.rtcp.ReceiverReport;
import dev.parley.media.rtcp.RtcpCompound;
import dev.parley.media.rtcp.RtcpCursor;
import dev.parley.media.rtcp.RtcpFeedback;
import dev.parley.media.rtcp.RtcpHeader;
import dev.parley.media.rtcp.SdesCursor;
import dev.parley.media.rtcp.SdesWriter;
import dev.parley.media.rtcp.SenderReport;
import java.nio.charset.StandardCharsets;

/**
 * The RTCP a video stream writes and reads (RFC 3550 §6, RFC 4585, RFC 5104), over media-core's
 * packet classes: compound reports with the CNAME, a PLI for a stream that lost a frame, and
 * whether an incoming compound asks this sender for a key frame (PLI naming its SSRC, or a FIR
 * entry for it). Pure; one owner thread per instance.
 */
public final class VideoRtcp {
    private final long ssrc;
    private final byte[] cname;
    private final SdesWriter sdes = new SdesWriter();
    private final RtcpCursor cursor = new RtcpCursor();

    public VideoRtcp(long ssrc, String cname) {
        this.ssrc = ssrc;
        byte[] c = cname.getBytes(StandardCharsets.UTF_8);
        if (c.length > 255) {
            throw new IllegalArgumentException("CNAME longer than 255 bytes");
        }
        this.cname = c;
    }

    /**
     * Writes an RR (no report blocks) and SDES CNAME, then a PLI for {@code mediaSsrc}
     * (RFC 4585 §6.3.1); returns the compound's length.
     */
    public int writePli(byte[] buf, long mediaSsrc) {
        int at = writeReport(buf, false, 0, 0, 0, 0);
        return at + Pli.write(buf, at, ssrc, mediaSsrc);
    }

    /**
     * Writes an SR when {@code sending} (else an RR) and the SDES CNAME; returns the compound's
     * length. {@code ntp}, {@code rtpTimestamp}, {@code packets} and {@code octets} fill the SR's
     * sender info (RFC 3550 §6.4.1).
     */
    public int writeReport(byte[] buf, boolean sending, long ntp, long rtpTimestamp, long packets, long octets) {
        int at = sending
                ? SenderReport.write(buf, 0, ssrc, ntp, rtpTimestamp, packets, octets, 0)
                : ReceiverReport.write(buf, 0, ssrc, 0);
        return at
                + sdes.begin(buf, at)
                        .chunk(ssrc)
                        .item(SdesCursor.CNAME, cname, 0, cname.length)
                        .finish();
    }

    /** True when this compound (full or reduced-size, RFC 5506) asks this sender for a key frame. */
    public boolean asksForKeyFrame(byte[] buf, int off, int len) {
        if (RtcpCompound.validateReducedSize(buf, off, len) != DropReason.NONE) {
            return false;
        }
        cursor.reset(buf, off, len);
        while (cursor.next()) {
            if (cursor.packetType() != RtcpHeader.PSFB) {
                continue;
            }
            int p = cursor.offset();
            if (RtcpFeedback.isPli(buf, p) && RtcpFeedback.mediaSsrc(buf, p) == ssrc) {
                return true;
            }
            if (RtcpFeedback.isFir(buf, p)) {
                for (int i = 0; i < Fir.entryCount(cursor.contentLength()); i++) {
                    if (Fir.entrySsrc(buf, p, i) == ssrc) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
