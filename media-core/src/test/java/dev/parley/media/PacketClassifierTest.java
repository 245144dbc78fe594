package dev.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.PacketClassifier.Result;
import org.junit.jupiter.api.Test;

class PacketClassifierTest {
    private static final byte[] RTP =
            Hex.bytes("80 00 00 01 00 00 00 a0 00 00 00 07 ff // PCMU, seq 1, ts 160, SSRC 7, 1 byte");
    private static final byte[] RR = Hex.bytes("80 c9 00 01 00 00 00 07 // RR, RC=0, SSRC 7");
    private static final byte[] PLI = Hex.bytes("81 ce 00 02 00 00 00 07 00 00 00 08 // PLI alone (RFC 5506)");
    private static final byte[] STUN = Hex.bytes("00 01 00 00 21 12 a4 42 // STUN binding request, magic cookie");

    private final DropCounters drops = new DropCounters();

    @Test
    void muxedPortSeparatesRtpRtcpAndOthers() {
        PacketClassifier classifier = new PacketClassifier(true, false, drops);
        assertThat(classifier.classify(RTP, 0, RTP.length)).isEqualTo(Result.RTP);
        assertThat(classifier.classify(RR, 0, RR.length)).isEqualTo(Result.RTCP);
        assertThat(classifier.classify(STUN, 0, STUN.length)).isEqualTo(Result.OTHER);
        assertThat(drops.total()).isZero();
    }

    @Test
    void badPacketsAreCountedByReason() {
        PacketClassifier classifier = new PacketClassifier(true, false, drops);
        assertThat(classifier.classify(RTP, 0, 5)).isEqualTo(Result.DROPPED);
        assertThat(classifier.classify(PLI, 0, PLI.length)).isEqualTo(Result.DROPPED);
        byte[] version1 = RTP.clone();
        version1[0] = 0x40;
        assertThat(classifier.classify(version1, 0, version1.length)).isEqualTo(Result.DROPPED);
        assertThat(classifier.classify(new byte[0], 0, 0)).isEqualTo(Result.DROPPED);
        assertThat(drops.get(DropReason.RTP_TOO_SHORT)).isEqualTo(2);
        assertThat(drops.get(DropReason.RTCP_FIRST_NOT_REPORT)).isEqualTo(1);
        assertThat(drops.get(DropReason.RTP_BAD_VERSION)).isEqualTo(1);
        assertThat(drops.total()).isEqualTo(4);
    }

    @Test
    void reducedSizeRtcpAcceptsALonePli() {
        PacketClassifier classifier = new PacketClassifier(true, true, drops);
        assertThat(classifier.classify(PLI, 0, PLI.length)).isEqualTo(Result.RTCP);
    }

    @Test
    void withoutMuxTheRtcpPortIsClassifiedSeparately() {
        PacketClassifier classifier = new PacketClassifier(false, false, drops);
        assertThat(classifier.classifyRtcp(RR, 0, RR.length)).isEqualTo(Result.RTCP);
        assertThat(classifier.classify(RTP, 0, RTP.length)).isEqualTo(Result.RTP);
        assertThat(drops.count(DropReason.NONE)).isEqualTo(DropReason.NONE);
        assertThat(drops.total()).isZero();
    }
}
