package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.g711.MuLaw;
import dev.parley.media.g722.G722Encoder;
import dev.parley.media.jitter.JitterBuffer;
import dev.parley.media.jitter.JitterBufferConfig;
import dev.parley.media.resample.Resampler;
import dev.parley.media.rtcp.GenericNack;
import dev.parley.media.rtcp.RtcpCompound;
import dev.parley.media.rtcp.RtcpCursor;
import dev.parley.media.rtcp.RtcpHeader;
import dev.parley.media.rtp.HeaderExtensions;
import dev.parley.media.rtp.RtpHeader;
import dev.parley.media.rtp.RtpHeaderWriter;
import dev.parley.media.stats.ReceiverStatistics;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The packet path allocates nothing (DESIGN.md): validate, read, write, count, buffer and
 * transcode a stream of packets, good and bad, and measure this thread's allocated bytes.
 */
class HotPathAllocationTest {
    private static final int PACKETS = 20_000;

    private final byte[] rtp = Hex.bytes("""
            90 00 00 00 00 00 00 00 00 00 00 07  // V=2, X=1, PT=0, seq 0, ts 0, SSRC 7
            be de 00 01       // one-byte extension, 1 word
            10 7f 00 00       // ID 1, 1 byte, padding
            """);
    private final byte[] rtcp = Hex.bytes("""
            80 c9 00 01 00 00 00 07  // RR, RC=0, SSRC 7
            81 cd 00 03 00 00 00 07 00 00 00 08 00 64 00 05  // NACK: PID 100, BLP 0b101
            """);
    private final byte[] payload = new byte[160];
    private final short[] pcm = new short[160];
    private final int[] lost = new int[17];
    private final HeaderExtensions extensions = new HeaderExtensions();
    private final RtcpCursor cursor = new RtcpCursor();
    private final JitterBuffer buffer = new JitterBuffer(JitterBufferConfig.narrowband20ms());
    private final ReceiverStatistics stats = new ReceiverStatistics(7L, 8000);
    private final Resampler upsampler = new Resampler(8000, 16_000, 160);
    private final short[] wideband = new short[upsampler.maxOutput(160)];
    private final G722Encoder g722 = new G722Encoder();
    private final long[] drops = new long[DropReason.values().length];
    private long checksum;

    @Test
    void packetPathAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        run(0, PACKETS); // warm up: class loading and JIT
        long before = threads.getCurrentThreadAllocatedBytes();
        run(PACKETS, PACKETS);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated for %d packets", PACKETS).isLessThan(1024);
        assertThat(checksum).isNotZero();
        assertThat(drops[DropReason.RTP_TOO_SHORT.ordinal()]).isEqualTo(2L * PACKETS / 10);
    }

    private void run(int first, int count) {
        for (int i = first; i < first + count; i++) {
            RtpHeaderWriter.setSequenceNumber(rtp, 0, i);
            RtpHeaderWriter.setTimestamp(rtp, 0, 160L * i);
            int len = i % 10 == 0 ? 7 : rtp.length; // every tenth packet is truncated
            DropReason reason = RtpHeader.validate(rtp, 0, len);
            if (reason != DropReason.NONE) {
                drops[reason.ordinal()]++;
                continue;
            }
            extensions.reset(rtp, 0);
            if (extensions.find(1)) {
                checksum += rtp[extensions.dataOffset()];
            }
            long ts = RtpHeader.timestamp(rtp, 0);
            stats.onPacket(RtpHeader.sequenceNumber(rtp, 0), ts, i * 20_000_000L);
            MuLaw.decode(payload, 0, pcm, 0, pcm.length);
            buffer.put(ts, pcm, 0, i * 20_000_000L);
            buffer.poll(pcm, 0);
            MuLaw.encode(pcm, 0, payload, 0, pcm.length);
            int samples = upsampler.process(pcm, 0, pcm.length, wideband, 0);
            g722.encode(wideband, 0, samples & ~1, payload, 0);
            if (RtcpCompound.validate(rtcp, 0, rtcp.length) == DropReason.NONE) {
                cursor.reset(rtcp, 0, rtcp.length);
                while (cursor.next()) {
                    if (cursor.packetType() == RtcpHeader.RTPFB) {
                        checksum +=
                                GenericNack.lostSequenceNumbers(rtcp, cursor.offset(), cursor.contentLength(), lost);
                    }
                }
            }
        }
    }
}
