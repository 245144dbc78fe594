package dev.parley.ua.media.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FrameAssemblerTest {
    /** A VP8 frame's payloads: P bit 0 for a key frame; 3 packets of 4-byte descriptor + 4 bytes. */
    private static List<byte[]> vp8Frame(Vp8Packetizer packetizer, boolean key, int fill) {
        byte[] frame = new byte[12];
        java.util.Arrays.fill(frame, (byte) fill);
        frame[0] = (byte) (key ? 0x50 : 0x51);
        return packetizer.packetize(frame);
    }

    private record Packet(int seq, long ts, boolean marker, byte[] payload) {}

    private static List<Packet> rtp(List<byte[]> payloads, int firstSeq, long ts) {
        List<Packet> out = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            out.add(new Packet((firstSeq + i) & 0xFFFF, ts, i == payloads.size() - 1, payloads.get(i)));
        }
        return out;
    }

    private static Optional<EncodedFrame> push(FrameAssembler a, Packet p) {
        return a.push(p.seq, p.ts, p.marker, p.payload, 0, p.payload.length);
    }

    @Test
    void deliversAFrameWhosePacketsArriveInAnyOrderAcrossTheSequenceWrap() {
        Vp8Packetizer packetizer = new Vp8Packetizer(8, 0);
        FrameAssembler a = new FrameAssembler(new Vp8Depacketizer(), 100);
        List<Packet> key = rtp(vp8Frame(packetizer, true, 7), 65534, 1000); // seq 65534, 65535, 0

        assertThat(push(a, key.get(2))).isEmpty(); // marker first
        assertThat(push(a, key.get(0))).isEmpty();
        Optional<EncodedFrame> frame = push(a, key.get(1));

        assertThat(frame).hasValueSatisfying(f -> {
            assertThat(f.keyFrame()).isTrue();
            assertThat(f.data()).hasSize(12);
        });
        assertThat(a.takeKeyFrameRequest()).isFalse();

        List<Packet> next = rtp(vp8Frame(packetizer, false, 8), 1, 4000);
        assertThat(push(a, next.get(1))).isEmpty();
        assertThat(push(a, next.get(2))).isEmpty();
        assertThat(push(a, next.get(0)))
                .hasValueSatisfying(f -> assertThat(f.keyFrame()).isFalse());
    }

    @Test
    void aLostPacketDropsFramesUntilTheNextKeyFrameAndAsksForOneOnce() {
        Vp8Packetizer packetizer = new Vp8Packetizer(8, 0);
        FrameAssembler a = new FrameAssembler(new Vp8Depacketizer(), 100);
        rtp(vp8Frame(packetizer, true, 1), 0, 0).forEach(p -> push(a, p));

        List<Packet> lossy = rtp(vp8Frame(packetizer, false, 2), 3, 3000);
        push(a, lossy.get(0));
        push(a, lossy.get(2)); // packet 4 is lost
        List<Packet> after = rtp(vp8Frame(packetizer, false, 3), 6, 6000);
        List<Optional<EncodedFrame>> results = new ArrayList<>();
        after.forEach(p -> results.add(push(a, p)));

        assertThat(results).allMatch(Optional::isEmpty);
        assertThat(a.drops(FrameAssembler.Drop.INCOMPLETE)).isEqualTo(1);
        assertThat(a.drops(FrameAssembler.Drop.WAITING_FOR_KEY_FRAME)).isEqualTo(1);
        assertThat(a.waitingForKeyFrame()).isTrue();
        assertThat(a.takeKeyFrameRequest()).isTrue();
        assertThat(a.takeKeyFrameRequest()).isFalse();

        // The lost packet turns up late: ignored.
        assertThat(push(a, lossy.get(1))).isEmpty();
        assertThat(a.latePackets()).isEqualTo(1);

        List<Packet> key = rtp(vp8Frame(packetizer, true, 4), 9, 9000);
        Optional<EncodedFrame> recovered = Optional.empty();
        for (Packet p : key) {
            recovered = push(a, p);
        }
        assertThat(recovered).hasValueSatisfying(f -> assertThat(f.keyFrame()).isTrue());
        assertThat(a.waitingForKeyFrame()).isFalse();
    }

    @Test
    void aWholeLostFrameIsNoticedByTheSequenceGap() {
        Vp8Packetizer packetizer = new Vp8Packetizer(8, 0);
        FrameAssembler a = new FrameAssembler(new Vp8Depacketizer(), 100);
        rtp(vp8Frame(packetizer, true, 1), 0, 0).forEach(p -> push(a, p));
        vp8Frame(packetizer, false, 2); // seq 3-5 at ts 3000 never arrive
        rtp(vp8Frame(packetizer, false, 3), 6, 6000).forEach(p -> push(a, p));
        List<Packet> fourth = rtp(vp8Frame(packetizer, false, 4), 9, 9000);

        assertThat(push(a, fourth.get(0))).isEmpty();
        assertThat(a.drops(FrameAssembler.Drop.INCOMPLETE)).isEqualTo(1);
        assertThat(a.takeKeyFrameRequest()).isTrue();
    }

    @Test
    void aMalformedFrameCountsAsLoss() {
        FrameAssembler a = new FrameAssembler(new H264Depacketizer(), 100);
        byte[] fuMiddle = Hex.bytes("7c05aa"); // FU-A continuation that starts nothing

        assertThat(a.push(10, 0, true, Hex.bytes("65aa"), 0, 2)).isPresent(); // IDR alone
        assertThat(a.push(11, 3000, true, fuMiddle, 0, 3)).isEmpty();
        assertThat(a.drops(FrameAssembler.Drop.MALFORMED)).isEqualTo(1);
        assertThat(a.takeKeyFrameRequest()).isTrue();
    }

    @Test
    void aFrameWithTooManyPacketsIsDropped() {
        FrameAssembler a = new FrameAssembler(new H264Depacketizer(), 2);
        for (int seq = 0; seq < 3; seq++) {
            a.push(seq, 0, false, Hex.bytes("4101"), 0, 2);
        }

        assertThat(a.drops(FrameAssembler.Drop.TOO_LARGE)).isEqualTo(1);
    }
}
