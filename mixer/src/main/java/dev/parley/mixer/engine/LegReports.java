package dev.parley.mixer.engine;

import dev.parley.media.rtcp.SdesWriter;
import dev.parley.media.rtcp.SenderReport;
import dev.parley.media.stats.ReceiverStatistics;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The mixer's own RTCP on each audio leg (RFC 3550 §6.4.1, §6.5.1): a compound SR for the mix it
 * sends, with one report block about the stream it receives on that leg, then SDES CNAME. Sent
 * at a randomised interval around {@link #INTERVAL_NANOS} (§6.3.1, 0.5 to 1.5 times), the first
 * after half of one.
 */
final class LegReports {
    /** The RFC 3550 §6.2 minimum interval, which a two-party leg uses. */
    static final long INTERVAL_NANOS = 5_000_000_000L;
    /** SDES item type CNAME (RFC 3550 §6.5.1). */
    private static final int CNAME = 1;

    private final MediaCounters counters;
    private final RandomGenerator random;
    private final byte[] packet = new byte[256];
    private final SdesWriter sdes = new SdesWriter();

    LegReports(MediaCounters counters, RandomGenerator random) {
        this.counters = counters;
        this.random = random;
    }

    /** Sends the leg's report when it is due; {@code ntpNow} is the 64-bit NTP wallclock. */
    void maybeSend(EndpointState leg, long nowNanos, long ntpNow) {
        if (leg.nextReportNanos == 0) {
            leg.nextReportNanos = nowNanos + INTERVAL_NANOS / 2;
            return;
        }
        if (nowNanos - leg.nextReportNanos < 0 || leg.packetsSent == 0) {
            return;
        }
        leg.nextReportNanos = nowNanos + (long) (INTERVAL_NANOS * (0.5 + random.nextDouble()));
        ReceiverStatistics received = leg.receiveStats;
        int blocks = received == null ? 0 : 1;
        int len = SenderReport.write(
                packet,
                0,
                leg.outSsrc(),
                ntpNow,
                leg.outTimestamp,
                leg.packetsSent & 0xFFFF_FFFFL,
                leg.octetsSent & 0xFFFF_FFFFL,
                blocks);
        if (received != null) {
            received.writeReportBlock(packet, SenderReport.reportBlockOffset(0, 0), nowNanos);
        }
        byte[] cname = ("parley-mixer-" + Long.toHexString(leg.outSsrc())).getBytes(StandardCharsets.US_ASCII);
        len += sdes.begin(packet, len)
                .chunk(leg.outSsrc())
                .item(CNAME, cname, 0, cname.length)
                .finish();
        Optional<MixerDrop> failed = leg.sendRtcp(packet, 0, len);
        if (failed.isPresent()) {
            counters.drop(failed.get());
        } else {
            counters.add(MediaCounters.Count.RTCP_OUT);
        }
    }
}
