package dev.parley.mixer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.DropReason;
import dev.parley.media.rtcp.ReportBlock;
import dev.parley.media.rtcp.RtcpCompound;
import dev.parley.media.rtcp.RtcpCursor;
import dev.parley.media.rtcp.RtcpHeader;
import dev.parley.media.rtcp.RtcpMuxDemux;
import dev.parley.media.rtcp.SenderReport;
import dev.parley.mixer.Tones;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The mixer's own SR + SDES on each audio leg, on a fake clock. */
class LegReportsTest {
    private static final long FRAME_NANOS = 20_000_000L;
    /** 2026-11-25 00:00:00 UTC as NTP seconds. */
    private static final long NTP_SECONDS = 3_973_276_800L;

    @Test
    void eachLegGetsSenderReportsAboutTheMixWithABlockAboutWhatItSends() {
        MediaCounters counters = new MediaCounters();
        Conference conference = new Conference("room", counters, (c, e, k, ms) -> {}, new SplittableRandom(5));
        CapturingTransport aOut = new CapturingTransport();
        EndpointState a = conference.add(Packets.audio("a", Packets.PCMU), aOut);
        EndpointState b = conference.add(Packets.audio("b", Packets.PCMU), new CapturingTransport());

        int frames = 500; // 10 s: at least one report, at most four (5 s, 0.5-1.5 randomised)
        for (int k = 0; k < frames; k++) {
            long now = k * FRAME_NANOS;
            if (k % 50 != 7) { // a loses one packet in fifty on its way in
                byte[] fromA = Packets.rtp(0, k, k * 160L, 0xAAAA, Packets.pcmu(Tones.frame(440, 8000, k * 160L)));
                conference.onDatagram(a, false, fromA, 0, fromA.length, Packets.address(6000), now);
            }
            byte[] fromB = Packets.rtp(0, k, k * 160L, 0xBBBB, Packets.pcmu(Tones.frame(660, 8000, k * 160L)));
            conference.onDatagram(b, false, fromB, 0, fromB.length, Packets.address(6002), now);
            conference.tick(now, (NTP_SECONDS + k / 50) << 32);
        }

        List<Integer> reportsAt = new ArrayList<>();
        for (int i = 0; i < aOut.sent.size(); i++) {
            byte[] bytes = aOut.sent.get(i).bytes();
            if (RtcpMuxDemux.classify(bytes, 0, bytes.length) == RtcpMuxDemux.Kind.RTCP) {
                reportsAt.add(i);
            }
        }
        assertThat(reportsAt).hasSizeBetween(1, 4);
        int at = reportsAt.get(0);
        byte[] report = aOut.sent.get(at).bytes();
        assertThat(RtcpCompound.validate(report, 0, report.length)).isEqualTo(DropReason.NONE);
        assertThat(RtcpHeader.packetType(report, 0)).isEqualTo(RtcpHeader.SR);
        assertThat(SenderReport.senderSsrc(report, 0)).isEqualTo(a.outSsrc());
        // Every datagram before the first report was one 160-byte RTP packet of the mix.
        assertThat(SenderReport.packetCount(report, 0)).isEqualTo(at);
        assertThat(SenderReport.octetCount(report, 0)).isEqualTo(160L * at);
        assertThat(SenderReport.ntpTimestamp(report, 0) >>> 32).isBetween(NTP_SECONDS, NTP_SECONDS + 10);
        assertThat(SenderReport.reportBlockCount(report, 0)).isEqualTo(1);
        int block = SenderReport.reportBlockOffset(0, 0);
        assertThat(ReportBlock.ssrc(report, block)).isEqualTo(0xAAAAL);
        assertThat(ReportBlock.cumulativeLost(report, block)).isBetween(1, 4);
        RtcpCursor cursor = new RtcpCursor().reset(report, 0, report.length);
        cursor.next();
        assertThat(cursor.next()).isTrue();
        assertThat(cursor.packetType()).isEqualTo(RtcpHeader.SDES);
        assertThat(aOut.sent.get(at).rtcpPort()).isFalse(); // rtcp-mux: on the RTP port
        assertThat(counters.get(MediaCounters.Count.RTCP_OUT)).isGreaterThanOrEqualTo(reportsAt.size() + 1L);
    }
}
