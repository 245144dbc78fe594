package dev.parley.mixer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.DropReason;
import dev.parley.media.rtp.RtpHeader;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Forwarding, symmetric RTP, RTCP feedback relay and counted drops, without sockets. */
class PacketPathTest {
    private final MediaCounters counters = new MediaCounters();
    private final Conference conference =
            new Conference("room", counters, (c, e, k, ms) -> {}, new SplittableRandom(2));

    private EndpointState add(EndpointSpec spec, CapturingTransport out) {
        return conference.add(spec, out);
    }

    private void receive(EndpointState at, byte[] packet, InetSocketAddress from) {
        conference.onDatagram(at, false, packet, 0, packet.length, from, 0);
    }

    @Test
    void videoGoesToEveryOtherParticipantWithItsSsrcAndPayloadUnchanged() {
        CapturingTransport aOut = new CapturingTransport();
        CapturingTransport bOut = new CapturingTransport();
        CapturingTransport cOut = new CapturingTransport();
        CapturingTransport slidesOut = new CapturingTransport();
        EndpointState a = add(Packets.video("a-video", "alice", Packets.VP8), aOut);
        EndpointState b = add(Packets.video("b-video", "bob", Packets.VP8), bOut);
        // Carol negotiated VP8 as payload type 100: she must get 100.
        EndpointState c = add(Packets.video("c-video", "carol", new PayloadFormat(100, "vp8", 90000)), cOut);
        // Alice's own slides stream is hers too: her camera must not come back on it.
        EndpointState slides = add(
                Packets.with(
                        Packets.video("a-cam2", "alice", Packets.VP8), false, Direction.SENDRECV, Optional.empty()),
                slidesOut);
        receive(b, Packets.rtp(96, 1, 1, 0xB0B, new byte[] {9}), Packets.address(7002));
        receive(c, Packets.rtp(100, 1, 1, 0xCA401, new byte[] {9}), Packets.address(7004));
        receive(slides, Packets.rtp(96, 1, 1, 0xA2, new byte[] {9}), Packets.address(7006));
        bOut.sent.clear();
        cOut.sent.clear();
        aOut.sent.clear();

        byte[] frame = Packets.rtp(96, 77, 123456, 0xA11CE, new byte[] {1, 2, 3, 4, 5});
        receive(a, frame, Packets.address(7000));

        assertThat(aOut.sent).isEmpty();
        assertThat(bOut.sent).singleElement().satisfies(s -> {
            assertThat(s.bytes()).isEqualTo(frame);
            assertThat(s.to()).isEqualTo(Packets.address(7002));
        });
        assertThat(cOut.sent).singleElement().satisfies(s -> {
            assertThat(RtpHeader.payloadType(s.bytes(), 0)).isEqualTo(100);
            assertThat(RtpHeader.ssrc(s.bytes(), 0)).isEqualTo(0xA11CEL);
            assertThat(RtpHeader.sequenceNumber(s.bytes(), 0)).isEqualTo(77);
        });
        // a-cam2 belongs to alice, so it gets only what the others send, not alice's camera.
        assertThat(slidesOut.sent.stream().map(s -> RtpHeader.ssrc(s.bytes(), 0)))
                .doesNotContain(0xA11CEL);
    }

    @Test
    void aTargetWithoutTheCodecIsSkippedAndCounted() {
        CapturingTransport bOut = new CapturingTransport();
        EndpointState a = add(Packets.video("a", "alice", Packets.VP8), new CapturingTransport());
        add(
                Packets.with(
                        Packets.video("b", "bob", new PayloadFormat(97, "H264", 90000)),
                        false,
                        Direction.SENDRECV,
                        Optional.of(Packets.address(7002))),
                bOut);

        receive(a, Packets.rtp(96, 1, 1, 5, new byte[] {1}), Packets.address(7000));

        assertThat(bOut.sent).isEmpty();
        assertThat(counters.get(MixerDrop.NO_COMMON_FORMAT)).isEqualTo(1);
    }

    @Test
    void theFirstSourceLatchesAndOthersAreDropped() {
        CapturingTransport bOut = new CapturingTransport();
        EndpointState a = add(Packets.video("a", "alice", Packets.VP8), new CapturingTransport());
        EndpointState b = add(Packets.video("b", "bob", Packets.VP8), bOut);
        receive(b, Packets.rtp(96, 1, 1, 6, new byte[] {1}), Packets.address(7002));

        receive(a, Packets.rtp(96, 1, 1, 5, new byte[] {1}), Packets.address(7000));
        receive(a, Packets.rtp(96, 2, 1, 5, new byte[] {1}), Packets.address(7999));
        receive(a, Packets.rtp(96, 3, 1, 5, new byte[] {1}), Packets.address(7000));

        assertThat(bOut.sent).hasSize(2);
        assertThat(counters.get(MixerDrop.UNEXPECTED_SOURCE)).isEqualTo(1);
    }

    @Test
    void aSignalledAddressAcceptsOnlyItsIpButLatchesTheRealPort() {
        CapturingTransport aOut = new CapturingTransport();
        InetSocketAddress signalled = new InetSocketAddress("127.0.0.2", 4000);
        EndpointState a = add(
                Packets.with(Packets.audio("a", Packets.PCMU), false, Direction.SENDRECV, Optional.of(signalled)),
                aOut);
        add(Packets.audio("b", Packets.PCMU), new CapturingTransport());

        receive(a, Packets.rtp(0, 1, 160, 5, new byte[160]), Packets.address(4000));
        assertThat(counters.get(MixerDrop.UNEXPECTED_SOURCE)).isEqualTo(1);
        assertThat(a.rtpTarget()).contains(signalled);

        InetSocketAddress natted = new InetSocketAddress("127.0.0.2", 31337);
        receive(a, Packets.rtp(0, 2, 320, 5, new byte[160]), natted);
        assertThat(a.rtpTarget()).contains(natted);
        conference.tick(0, 0L);
        assertThat(aOut.sent).singleElement().satisfies(s -> assertThat(s.to()).isEqualTo(natted));
    }

    @Test
    void aLatePacketFromTheOldPortDoesNotTakeTheMovedEndpointBack() {
        // Bob stops sharing his screen: his re-INVITE moves his slides endpoint to a fresh
        // receive-only port, and one more packet from the old port arrives after the move.
        CapturingTransport bobOut = new CapturingTransport();
        InetSocketAddress oldPort = Packets.address(7010);
        InetSocketAddress freshPort = Packets.address(7020);
        EndpointState alice = add(Packets.video("a-slides", "alice", Packets.VP8), new CapturingTransport());
        EndpointSpec sharing = Packets.with(
                Packets.video("b-slides", "bob", Packets.VP8), false, Direction.SENDRECV, Optional.of(oldPort));
        EndpointState bob = add(sharing, bobOut);
        receive(bob, Packets.rtp(96, 1, 1, 0xB0B, new byte[] {1}), oldPort);
        assertThat(bob.rtpTarget()).contains(oldPort);

        conference.update(Packets.with(sharing, false, Direction.RECVONLY, Optional.of(freshPort)));
        receive(bob, Packets.rtp(96, 2, 1, 0xB0B, new byte[] {1}), oldPort);
        receive(alice, Packets.rtp(96, 1, 1, 0xA11CE, new byte[] {2}), Packets.address(7000));

        assertThat(counters.get(MixerDrop.UNEXPECTED_SOURCE)).isEqualTo(1);
        assertThat(bob.rtpTarget()).contains(freshPort);
        assertThat(bobOut.sent)
                .singleElement()
                .satisfies(s -> assertThat(s.to()).isEqualTo(freshPort));
    }

    @Test
    void badPacketsAreCountedByReasonAndNeverThrow() {
        EndpointState a = add(
                new EndpointSpec(
                        "a",
                        "alice",
                        MediaKind.AUDIO,
                        List.of(Packets.PCMU),
                        Optional.empty(),
                        Optional.empty(),
                        List.of(5L),
                        false,
                        Direction.SENDRECV,
                        true),
                new CapturingTransport());
        InetSocketAddress from = Packets.address(7000);

        receive(a, new byte[] {(byte) 0x80, 0, 0}, from); // V=2 but 3 bytes
        receive(a, new byte[] {0x00, 0x01, 0x00, 0x08, 0x21, 0x12, (byte) 0xA4, 0x42}, from); // STUN header
        byte[] csrcs = Packets.rtp(0, 1, 1, 5, new byte[0]);
        csrcs[0] |= 0x0F; // CC=15 with no CSRC list
        receive(a, csrcs, from);
        receive(a, Packets.rtp(0, 2, 160, 99, new byte[160]), from); // SSRC not announced
        receive(a, Packets.rtp(18, 3, 320, 5, new byte[20]), from); // G.729 not negotiated
        receive(a, Packets.rtp(0, 4, 480, 5, new byte[100]), from); // 12.5 ms of PCMU

        assertThat(counters.get(DropReason.RTP_TOO_SHORT)).isEqualTo(1);
        assertThat(counters.get(MixerDrop.NOT_RTP)).isEqualTo(1);
        assertThat(counters.get(DropReason.RTP_CSRC_TRUNCATED)).isEqualTo(1);
        assertThat(counters.get(MixerDrop.UNKNOWN_SSRC)).isEqualTo(1);
        assertThat(counters.get(MixerDrop.UNKNOWN_PAYLOAD_TYPE)).isEqualTo(1);
        assertThat(counters.get(MixerDrop.UNSUPPORTED_FRAME_SIZE)).isEqualTo(1);
        assertThat(counters.get(MediaCounters.Count.PACKETS_IN)).isEqualTo(6);
    }

    @Test
    void aRecvonlyEndpointThatSendsAnywayIsDropped() {
        EndpointState a = add(
                Packets.with(Packets.audio("a", Packets.PCMU), false, Direction.RECVONLY, Optional.empty()),
                new CapturingTransport());

        receive(a, Packets.rtp(0, 1, 160, 5, new byte[160]), Packets.address(7000));

        assertThat(counters.get(MixerDrop.ENDPOINT_NOT_SENDING)).isEqualTo(1);
    }

    @Test
    void pictureLossFromAReceiverGoesToTheSenderOfThatStream() {
        CapturingTransport aOut = new CapturingTransport();
        CapturingTransport bOut = new CapturingTransport();
        EndpointState a = add(Packets.video("a", "alice", Packets.VP8), aOut);
        EndpointState b = add(Packets.video("b", "bob", Packets.VP8), bOut);
        receive(a, Packets.rtp(96, 1, 1, 0xA11CE, new byte[] {1}), Packets.address(7000));
        aOut.sent.clear();

        // RR (RC=0, SSRC 0xB0B) + PLI (RFC 4585 §6.3.1) from 0xB0B about media SSRC 0xA11CE.
        byte[] rtcp = {
            (byte) 0x80,
            (byte) 201,
            0,
            1,
            0,
            0,
            0x0B,
            0x0B,
            (byte) 0x81,
            (byte) 206,
            0,
            2,
            0,
            0,
            0x0B,
            0x0B,
            0,
            0x0A,
            0x11,
            (byte) 0xCE
        };
        receive(b, rtcp, Packets.address(7002));
        // A PLI about nobody's SSRC is counted, not relayed.
        byte[] stray = rtcp.clone();
        stray[19] = 0x01;
        receive(b, stray, Packets.address(7002));

        assertThat(aOut.sent).singleElement().satisfies(s -> {
            assertThat(s.bytes()).isEqualTo(rtcp);
            assertThat(s.to()).isEqualTo(Packets.address(7000));
        });
        assertThat(counters.get(MediaCounters.Count.RTCP_OUT)).isEqualTo(1);
        assertThat(counters.get(MixerDrop.FEEDBACK_SSRC_UNKNOWN)).isEqualTo(1);
    }

    @Test
    void aRefusedSendIsCounted() {
        CapturingTransport bOut = new CapturingTransport();
        bOut.refuse = true;
        EndpointState a = add(Packets.video("a", "alice", Packets.VP8), new CapturingTransport());
        add(
                Packets.with(
                        Packets.video("b", "bob", Packets.VP8),
                        false,
                        Direction.SENDRECV,
                        Optional.of(Packets.address(7002))),
                bOut);

        receive(a, Packets.rtp(96, 1, 1, 5, new byte[] {1}), Packets.address(7000));

        assertThat(counters.get(MixerDrop.SEND_FAILED)).isEqualTo(1);
        assertThat(counters.get(MediaCounters.Count.RTP_OUT)).isZero();
    }

    @Test
    void theTransportHearsEachLatchOnceAndEachRestart() {
        // The transport connects a latched port to its peer; it must hear of the latch once, of
        // the restart when the focus moves the endpoint, and of the new latch after it.
        CapturingTransport bobOut = new CapturingTransport();
        InetSocketAddress oldPort = Packets.address(7010);
        InetSocketAddress freshPort = Packets.address(7020);
        add(Packets.video("a", "alice", Packets.VP8), new CapturingTransport());
        EndpointSpec spec =
                Packets.with(Packets.video("b", "bob", Packets.VP8), false, Direction.SENDRECV, Optional.of(oldPort));
        EndpointState bob = add(spec, bobOut);

        receive(bob, Packets.rtp(96, 1, 1, 0xB0B, new byte[] {1}), oldPort);
        receive(bob, Packets.rtp(96, 2, 1, 0xB0B, new byte[] {1}), oldPort);
        receive(bob, Packets.rtp(96, 3, 1, 0xB0B, new byte[] {1}), Packets.address(7999));
        assertThat(bobOut.latches).containsExactly("rtp 127.0.0.1:7010");

        conference.update(Packets.with(spec, true, Direction.SENDRECV, Optional.of(oldPort)));
        assertThat(bobOut.latches)
                .as("an update that keeps the address keeps the latch")
                .hasSize(1);

        conference.update(Packets.with(spec, false, Direction.SENDRECV, Optional.of(freshPort)));
        receive(bob, Packets.rtp(96, 4, 1, 0xB0B, new byte[] {1}), freshPort);
        assertThat(bobOut.latches).containsExactly("rtp 127.0.0.1:7010", "-rtp", "rtp 127.0.0.1:7020");
        assertThat(counters.get(MixerDrop.UNEXPECTED_SOURCE)).isEqualTo(1);
    }

    @Test
    void aSeparateRtcpPortLatchesOnItsOwn() {
        CapturingTransport bobOut = new CapturingTransport();
        add(Packets.video("a", "alice", Packets.VP8), new CapturingTransport());
        EndpointSpec muxed = Packets.video("b", "bob", Packets.VP8);
        EndpointSpec spec = new EndpointSpec(
                muxed.id(),
                muxed.participant(),
                muxed.kind(),
                muxed.formats(),
                Optional.of(Packets.address(7010)),
                Optional.empty(),
                List.of(),
                false,
                Direction.SENDRECV,
                false,
                false);
        EndpointState bob = add(spec, bobOut);
        byte[] receiverReport = {(byte) 0x80, (byte) 201, 0, 1, 0, 0, 0x0B, 0x0B};

        conference.onDatagram(bob, true, receiverReport, 0, receiverReport.length, Packets.address(7011), 0);
        receive(bob, Packets.rtp(96, 1, 1, 0xB0B, new byte[] {1}), Packets.address(7010));

        assertThat(bobOut.latches).containsExactly("rtcp 127.0.0.1:7011", "rtp 127.0.0.1:7010");
    }
}
