package dev.parley.mixer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.rtcp.Pli;
import dev.parley.media.rtcp.RtcpFeedback;
import dev.parley.media.rtp.RtpHeader;
import dev.parley.mixer.Tones;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A softphone that takes one video stream gets the dominant speaker's video as one continuous
 * stream, switched on voice activity, with a key frame asked of each new speaker. Fake clock: one
 * packet of each kind per 20 ms tick.
 */
class ActiveSpeakerVideoTest {
    private static final long TICK = 20_000_000L;

    private final Conference conference =
            new Conference("room", new MediaCounters(), (c, e, key, ms) -> {}, new SplittableRandom(5));

    private record Party(String name, EndpointState audio, EndpointState video, CapturingTransport videoOut, int port) {
        InetSocketAddress from(int offset) {
            return Packets.address(port + offset);
        }
    }

    private Party join(String name, int port, boolean activeSpeaker) {
        EndpointSpec audio = Packets.audio(name + "-audio", name, Packets.PCMU);
        EndpointSpec video = Packets.video(name + "-video", name, Packets.VP8, activeSpeaker);
        CapturingTransport videoOut = new CapturingTransport();
        return new Party(
                name, conference.add(audio, new CapturingTransport()), conference.add(video, videoOut), videoOut, port);
    }

    private int tick;

    /** One tick: the talker sends a tone, everyone sends a video packet (SSRC = port). */
    private void tick(Party talker, List<Party> senders) {
        long now = tick * TICK;
        for (Party p : senders) {
            short[] pcm = p == talker ? Tones.frame(440, 8000, tick * 160L) : new short[160];
            byte[] audio = Packets.rtp(0, tick, tick * 160L, p.port(), Packets.pcmu(pcm));
            conference.onDatagram(p.audio(), false, audio, 0, audio.length, p.from(0), now);
            byte[] video = Packets.rtp(96, 1000 * p.port() + tick, 90L * 20 * tick, p.port() + 1, new byte[] {1, 2, 3});
            conference.onDatagram(p.video(), false, video, 0, video.length, p.from(2), now);
        }
        conference.tick(now, 0L);
        tick++;
    }

    private static List<CapturingTransport.Sent> plis(Party p) {
        return p.videoOut().sent.stream()
                .filter(s -> s.bytes().length == Pli.SIZE && RtcpFeedback.isPli(s.bytes(), 0))
                .toList();
    }

    @Test
    void theSoftphoneSeesTheSpeakerAsOneStreamAndEachNewSpeakerIsAskedForAKeyFrame() {
        Party alice = join("alice", 6000, false);
        Party bob = join("bob", 6100, false);
        Party phone = join("phone", 6200, true);
        List<Party> all = List.of(alice, bob, phone);

        for (int i = 0; i < 20; i++) {
            tick(alice, all);
        }
        assertThat(conference.activeSpeaker()).contains("alice");
        List<CapturingTransport.Sent> seen = phone.videoOut().rtp();
        assertThat(seen).isNotEmpty().allSatisfy(s -> {
            assertThat(RtpHeader.ssrc(s.bytes(), 0)).isEqualTo(phone.video().outSsrc());
        });
        assertThat(plis(alice)).hasSize(1);
        assertThat(RtcpFeedback.mediaSsrc(plis(alice).get(0).bytes(), 0)).isEqualTo(6001);
        // The others still get every stream, SSRCs kept.
        assertThat(bob.videoOut().rtp())
                .anySatisfy(s -> assertThat(RtpHeader.ssrc(s.bytes(), 0)).isEqualTo(6001));

        int before = seen.size();
        for (int i = 0; i < 60; i++) {
            tick(bob, all);
        }
        assertThat(conference.activeSpeaker()).contains("bob");
        assertThat(plis(bob)).hasSize(1);
        assertThat(RtcpFeedback.mediaSsrc(plis(bob).get(0).bytes(), 0)).isEqualTo(6101);
        List<CapturingTransport.Sent> after = phone.videoOut().rtp();
        assertThat(after.size() - before)
                .as("one packet per tick, from one speaker at a time")
                .isEqualTo(60);
        for (int i = 1; i < after.size(); i++) {
            byte[] prev = after.get(i - 1).bytes();
            byte[] next = after.get(i).bytes();
            assertThat(RtpHeader.ssrc(next, 0)).isEqualTo(phone.video().outSsrc());
            assertThat(RtpHeader.sequenceNumber(next, 0))
                    .as("packet %d continues the sequence across the switch", i)
                    .isEqualTo((RtpHeader.sequenceNumber(prev, 0) + 1) & 0xFFFF);
            assertThat((RtpHeader.timestamp(next, 0) - RtpHeader.timestamp(prev, 0)) & 0xFFFF_FFFFL)
                    .as("packet %d's timestamp moves on", i)
                    .isPositive()
                    .isLessThanOrEqualTo(1800 * 2);
        }
    }

    @Test
    void aKeyFrameRequestFromTheSoftphoneReachesTheSpeakerShownNow() {
        Party alice = join("alice", 6000, false);
        Party phone = join("phone", 6200, true);
        for (int i = 0; i < 5; i++) {
            tick(alice, List.of(alice, phone));
        }
        int plisBefore = plis(alice).size();
        byte[] pli = new byte[Pli.SIZE];
        Pli.write(pli, 0, 6203, phone.video().outSsrc());
        conference.onDatagram(phone.video(), false, pli, 0, pli.length, phone.from(2), tick * TICK);
        assertThat(plis(alice)).hasSize(plisBefore + 1);
        assertThat(RtcpFeedback.mediaSsrc(plis(alice).get(plisBefore).bytes(), 0))
                .isEqualTo(6001);
    }
}
