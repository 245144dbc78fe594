package dev.parley.mixer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.g711.ALaw;
import dev.parley.media.g722.G722Decoder;
import dev.parley.media.g722.G722Encoder;
import dev.parley.media.rtp.RtpHeader;
import dev.parley.mixer.Tones;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusEncoder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The 20 ms N-1 mix through {@link Conference}, on a fake clock and without sockets. */
class AudioMixTest {
    private static final long FRAME_NANOS = 20_000_000L;
    private static final int FRAMES = 50;

    private final MediaCounters counters = new MediaCounters();
    private final List<String> dtmf = new ArrayList<>();
    private final Conference conference = new Conference(
            "room", counters, (c, e, key, ms) -> dtmf.add(c + "/" + e + ":" + key), new SplittableRandom(1));

    private record Party(EndpointState state, CapturingTransport out, InetSocketAddress from, double hz, long ssrc) {}

    private Party join(EndpointSpec spec, int port, double hz) {
        CapturingTransport out = new CapturingTransport();
        return new Party(conference.add(spec, out), out, Packets.address(port), hz, 1000 + port);
    }

    /** Each party sends its tone for {@code frames} frames; the conference mixes after each. */
    private void talk(List<Party> parties, int frames) {
        for (int k = 0; k < frames; k++) {
            long now = k * FRAME_NANOS;
            for (Party p : parties) {
                if (p.hz() > 0) {
                    byte[] packet = Packets.rtp(
                            0, k, 5000 + k * 160L, p.ssrc(), Packets.pcmu(Tones.frame(p.hz(), 8000, k * 160L)));
                    conference.onDatagram(p.state(), false, packet, 0, packet.length, p.from(), now);
                }
            }
            conference.tick(now, 0L);
        }
    }

    /** The last {@code frames} frames a party received, decoded. */
    private static short[] heard(Party p, int frames) {
        List<CapturingTransport.Sent> rtp = p.out().rtp();
        short[] pcm = new short[frames * 160];
        for (int f = 0; f < frames; f++) {
            byte[] packet = rtp.get(rtp.size() - frames + f).bytes();
            short[] frame = Packets.decodePcmu(packet);
            if (RtpHeader.payloadType(packet, 0) == 8) {
                ALaw.decode(packet, 12, frame, 0, 160);
            }
            System.arraycopy(frame, 0, pcm, f * 160, 160);
        }
        return pcm;
    }

    @Test
    void everyoneHearsTheOtherTwoAndNeverThemselves() {
        Party a = join(Packets.audio("a", Packets.PCMU), 6000, 440);
        Party b = join(Packets.audio("b", Packets.PCMU), 6002, 660);
        Party c = join(Packets.audio("c", Packets.PCMU), 6004, 880);

        talk(List.of(a, b, c), FRAMES);

        for (Party p : List.of(a, b, c)) {
            short[] pcm = heard(p, 30);
            for (Party other : List.of(a, b, c)) {
                double share = Tones.share(pcm, other.hz(), 8000);
                if (other == p) {
                    assertThat(share).as("%s hears itself", p.state().id()).isLessThan(0.01);
                } else {
                    assertThat(share)
                            .as("%s hears %s", p.state().id(), other.state().id())
                            .isGreaterThan(0.3);
                }
            }
        }
        assertThat(counters.get(MediaCounters.Count.MIX_TICKS)).isEqualTo(FRAMES);
        assertThat(counters.get(MediaCounters.Count.RTP_OUT)).isEqualTo(3L * FRAMES);
        // Amplitude 8000 is an RMS of 5657: -15 dBov (RFC 6464 level 15).
        assertThat(a.state().audioLevel()).isBetween(14, 16);
    }

    @Test
    void theMixLegIsOneContinuousStreamToTheLatchedAddress() {
        Party a = join(Packets.audio("a", Packets.PCMU), 6000, 440);
        Party b = join(Packets.audio("b", Packets.PCMU), 6002, 660);

        talk(List.of(a, b), 10);

        List<CapturingTransport.Sent> sent = a.out().rtp();
        assertThat(sent).hasSize(10).allSatisfy(s -> assertThat(s.to()).isEqualTo(a.from()));
        for (int i = 1; i < sent.size(); i++) {
            byte[] prev = sent.get(i - 1).bytes();
            byte[] next = sent.get(i).bytes();
            assertThat(RtpHeader.sequenceNumber(next, 0)).isEqualTo((RtpHeader.sequenceNumber(prev, 0) + 1) & 0xFFFF);
            assertThat(RtpHeader.timestamp(next, 0)).isEqualTo((RtpHeader.timestamp(prev, 0) + 160) & 0xFFFF_FFFFL);
            assertThat(RtpHeader.ssrc(next, 0)).isEqualTo(a.state().outSsrc());
        }
        assertThat(a.state().outSsrc()).isNotEqualTo(b.state().outSsrc());
    }

    @Test
    void aPcmaParticipantHearsPcmuParticipantsTranscoded() {
        Party a = join(Packets.audio("a", Packets.PCMU), 6000, 440);
        Party b = join(Packets.audio("b", Packets.PCMU), 6002, 660);
        // A listener that sends nothing: the mixer sends to the address its SDP gave.
        EndpointSpec pcma = Packets.with(
                Packets.audio("d", Packets.PCMA), false, Direction.SENDRECV, Optional.of(Packets.address(6006)));
        Party listener = join(pcma, 6006, 0);

        talk(List.of(a, b, listener), FRAMES);

        List<CapturingTransport.Sent> sent = listener.out().rtp();
        assertThat(sent)
                .allSatisfy(s -> assertThat(RtpHeader.payloadType(s.bytes(), 0)).isEqualTo(8));
        short[] pcm = heard(listener, 30);
        assertThat(Tones.share(pcm, 440, 8000)).isGreaterThan(0.3);
        assertThat(Tones.share(pcm, 660, 8000)).isGreaterThan(0.3);
    }

    @Test
    void aPcmuAndAnOpusParticipantHearEachOther() throws Exception {
        PayloadFormat opus = new PayloadFormat(111, "opus", 48000);
        Party pcmu = join(Packets.audio("pcmu", Packets.PCMU), 6000, 440);
        Party opusParty = join(Packets.audio("opus", opus), 6002, 0);
        OpusEncoder encoder = new OpusEncoder(48000, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        encoder.setComplexity(3); // a cheaper encoder: the test measures the mixer, not this side
        OpusDecoder decoder = new OpusDecoder(48000, 1);
        byte[] encoded = new byte[1500];
        short[] wide = new short[960];
        List<short[]> heardByOpus = new ArrayList<>();

        for (int k = 0; k < FRAMES; k++) {
            long now = k * FRAME_NANOS;
            byte[] fromPcmu = Packets.rtp(0, k, k * 160L, 1, Packets.pcmu(Tones.frame(440, 8000, k * 160L)));
            conference.onDatagram(pcmu.state(), false, fromPcmu, 0, fromPcmu.length, pcmu.from(), now);
            // The Opus side sends 660 Hz sampled at 48 kHz, 960 samples per 20 ms (RFC 7587 §4.1).
            for (int i = 0; i < 960; i++) {
                wide[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 660 * (k * 960L + i) / 48000));
            }
            int len = encoder.encode(wide, 0, 960, encoded, 0, encoded.length);
            byte[] fromOpus = Packets.rtp(111, k, k * 960L, 2, java.util.Arrays.copyOf(encoded, len));
            conference.onDatagram(opusParty.state(), false, fromOpus, 0, fromOpus.length, opusParty.from(), now);
            conference.tick(now, 0L);
        }

        for (CapturingTransport.Sent sent : opusParty.out().rtp()) {
            assertThat(RtpHeader.payloadType(sent.bytes(), 0)).isEqualTo(111);
            short[] pcm = new short[960];
            int n = decoder.decode(sent.bytes(), 12, sent.bytes().length - 12, pcm, 0, 960, false);
            heardByOpus.add(java.util.Arrays.copyOf(pcm, n));
        }
        List<CapturingTransport.Sent> toOpus = opusParty.out().rtp();
        assertThat(RtpHeader.timestamp(toOpus.get(1).bytes(), 0)
                        - RtpHeader.timestamp(toOpus.get(0).bytes(), 0))
                .isEqualTo(960);
        short[] atOpus = new short[30 * 960];
        for (int f = 0; f < 30; f++) {
            System.arraycopy(heardByOpus.get(heardByOpus.size() - 30 + f), 0, atOpus, f * 960, 960);
        }
        assertThat(Tones.share(atOpus, 440, 48000)).isGreaterThan(0.5);
        assertThat(Tones.share(atOpus, 660, 48000)).isLessThan(0.01);
        short[] atPcmu = heard(pcmu, 30);
        assertThat(Tones.share(atPcmu, 660, 8000)).isGreaterThan(0.5);
        assertThat(Tones.share(atPcmu, 440, 8000)).isLessThan(0.01);
    }

    @Test
    void aG722ParticipantSendsAndGets160BytesPer20MsOnAnRtpClockOf8000() {
        PayloadFormat g722 = new PayloadFormat(9, "G722", 8000);
        Party pcmu = join(Packets.audio("pcmu", Packets.PCMU), 6000, 440);
        Party wide = join(Packets.audio("wide", g722), 6002, 0);
        assertThat(conference.mixRate()).isEqualTo(16000);
        G722Encoder encoder = new G722Encoder();
        G722Decoder decoder = new G722Decoder();
        byte[] payload = new byte[160];

        for (int k = 0; k < FRAMES; k++) {
            long now = k * FRAME_NANOS;
            byte[] fromPcmu = Packets.rtp(0, k, k * 160L, 1, Packets.pcmu(Tones.frame(440, 8000, k * 160L)));
            conference.onDatagram(pcmu.state(), false, fromPcmu, 0, fromPcmu.length, pcmu.from(), now);
            // 20 ms at 16 kHz is 320 samples in 160 bytes, and 160 RTP clock units (RFC 3551 §4.5.2).
            encoder.encode(Tones.frame(5000, 8000, k * 320L, 16000), 0, 320, payload, 0);
            byte[] fromG722 = Packets.rtp(9, k, k * 160L, 2, payload);
            conference.onDatagram(wide.state(), false, fromG722, 0, fromG722.length, wide.from(), now);
            conference.tick(now, 0L);
        }

        List<CapturingTransport.Sent> toWide = wide.out().rtp();
        assertThat(toWide).allSatisfy(p -> {
            assertThat(RtpHeader.payloadType(p.bytes(), 0)).isEqualTo(9);
            assertThat(p.bytes()).hasSize(12 + 160);
        });
        assertThat(RtpHeader.timestamp(toWide.get(1).bytes(), 0)
                        - RtpHeader.timestamp(toWide.get(0).bytes(), 0))
                .isEqualTo(160);
        short[] atWide = new short[FRAMES * 320];
        for (int f = 0; f < FRAMES; f++) {
            decoder.decode(toWide.get(f).bytes(), 12, 160, atWide, f * 320);
        }
        short[] last = java.util.Arrays.copyOfRange(atWide, 20 * 320, FRAMES * 320);
        assertThat(Tones.share(last, 440, 16000)).isGreaterThan(0.8);
        // The G.722 side's 5 kHz is above what PCMU carries: the narrowband listener gets nothing
        // of it (nor aliases), only the resampler's residue.
        short[] atPcmu = heard(pcmu, 30);
        assertThat(dev.parley.media.level.AudioLevel.of(atPcmu, 0, atPcmu.length))
                .isGreaterThan(50);
    }

    @Test
    void theRoomMixesAt16KhzWhileSomeoneWidebandIsIn() {
        Party a = join(Packets.audio("a", Packets.PCMU), 6000, 440);
        join(Packets.audio("b", Packets.PCMA), 6002, 660);
        assertThat(conference.mixRate()).isEqualTo(8000);

        join(Packets.audio("c", new PayloadFormat(111, "opus", 48000)), 6004, 0);
        assertThat(conference.mixRate()).isEqualTo(16000);

        conference.remove("c");
        assertThat(conference.mixRate()).isEqualTo(8000);
        talk(List.of(a), 10);
        assertThat(a.out().rtp()).isNotEmpty();
    }

    @Test
    void aMutedParticipantIsNotMixedButStillHearsTheOthers() {
        Party a = join(Packets.audio("a", Packets.PCMU), 6000, 440);
        Party b = join(Packets.audio("b", Packets.PCMU), 6002, 660);
        Party c = join(Packets.audio("c", Packets.PCMU), 6004, 880);
        conference.update(Packets.with(c.state().spec(), true, Direction.SENDRECV, Optional.empty()));

        talk(List.of(a, b, c), FRAMES);

        short[] atA = heard(a, 30);
        assertThat(Tones.share(atA, 880, 8000)).isLessThan(0.01);
        assertThat(Tones.share(atA, 660, 8000)).isGreaterThan(0.9);
        short[] atC = heard(c, 30);
        assertThat(Tones.share(atC, 440, 8000)).isGreaterThan(0.3);
        assertThat(Tones.share(atC, 660, 8000)).isGreaterThan(0.3);
        assertThat(counters.get(MixerDrop.MUTED)).isEqualTo(FRAMES);
        assertThat(c.state().audioLevel()).isEqualTo(127);
    }

    @Test
    void aSendonlyParticipantIsMixedButGetsNothing() {
        Party a = join(Packets.audio("a", Packets.PCMU), 6000, 440);
        Party b = join(Packets.audio("b", Packets.PCMU), 6002, 660);
        conference.update(Packets.with(b.state().spec(), false, Direction.SENDONLY, Optional.empty()));

        talk(List.of(a, b), FRAMES);

        assertThat(b.out().sent).isEmpty();
        short[] atA = heard(a, 30);
        assertThat(Tones.share(atA, 660, 8000)).isGreaterThan(0.9);
    }

    @Test
    void keyPressesAreReportedOnceEach() {
        Party a = join(Packets.audio("a", Packets.PCMU, Packets.DTMF), 6000, 0);
        // RFC 4733 §2.5.1: digit 5, three updates then the end packet sent three times.
        int[][] blocks = {{5, 0x0a, 160}, {5, 0x0a, 320}, {5, 0x0a, 480}, {5, 0x8a, 640}, {5, 0x8a, 640}, {5, 0x8a, 640}
        };
        int seq = 0;
        for (int[] block : blocks) {
            byte[] payload = {(byte) block[0], (byte) block[1], (byte) (block[2] >> 8), (byte) block[2]};
            byte[] packet = Packets.rtp(101, seq, 8000, 42, payload);
            conference.onDatagram(a.state(), false, packet, 0, packet.length, a.from(), seq * FRAME_NANOS);
            seq++;
        }
        byte[] truncated = Packets.rtp(101, seq, 9000, 42, new byte[] {1, 2});
        conference.onDatagram(a.state(), false, truncated, 0, truncated.length, a.from(), seq * FRAME_NANOS);

        assertThat(dtmf).containsExactly("room/a:5");
        assertThat(counters.get(MediaCounters.Count.DTMF_EVENTS)).isEqualTo(1);
        assertThat(counters.get(dev.parley.media.DropReason.DTMF_PAYLOAD_TOO_SHORT))
                .isEqualTo(1);
    }
}
