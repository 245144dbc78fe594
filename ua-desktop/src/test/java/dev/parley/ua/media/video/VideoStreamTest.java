package dev.parley.ua.media.video;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.sdp.Origin;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.negotiation.AnswerParams;
import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.sdp.negotiation.Negotiation;
import dev.parley.sdp.negotiation.OfferAnswer;
import dev.parley.sdp.negotiation.OfferParams;
import dev.parley.sdp.negotiation.Offers;
import dev.parley.sdp.negotiation.Profiles;
import java.awt.image.BufferedImage;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two agents' video streams on loopback, negotiated by real offer/answer with the DESKTOP
 * profile: each decodes the other's test pattern at the coded size, under the SSRC the other's
 * SDP announced.
 */
class VideoStreamTest {
    private record Received(long ssrc, BufferedImage picture) {}

    private static VideoSettings settings(String label, BlockingQueue<Received> into) {
        return new VideoSettings(
                VideoSourceSpec.parse("testsrc"),
                new FrameSize(320, 180),
                15,
                300_000,
                label,
                label + "@localhost",
                (kind, ssrc, picture) -> into.offer(new Received(ssrc, picture)));
    }

    @Test
    void twoAgentsSeeEachOther() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        BlockingQueue<Received> atAlice = new LinkedBlockingQueue<>();
        BlockingQueue<Received> atBob = new LinkedBlockingQueue<>();
        try (VideoStream alice = VideoStream.open(MediaKind.VIDEO, lo, settings("alice", atAlice));
                VideoStream bob = VideoStream.open(MediaKind.VIDEO, lo, settings("bob", atBob))) {
            SessionDescription offer = Offers.offer(
                    Profiles.DESKTOP,
                    new OfferParams(
                            Origin.of("alice", 1, 1, "127.0.0.1"),
                            "-",
                            "127.0.0.1",
                            Map.of(MediaKind.VIDEO, alice.local())));
            Negotiation atAnswerer = OfferAnswer.negotiate(offer, Profiles.DESKTOP);
            SessionDescription answer = atAnswerer.answer(
                    new AnswerParams(Origin.of("bob", 2, 1, "127.0.0.1"), "-", "127.0.0.1", Map.of(0, bob.local())));
            Negotiation atOfferer = Offers.readAnswer(offer, answer, Profiles.DESKTOP);

            bob.start(atAnswerer.streams().get(0));
            alice.start(atOfferer.streams().get(0));

            Received fromBob = atAlice.poll(20, TimeUnit.SECONDS);
            Received fromAlice = atBob.poll(20, TimeUnit.SECONDS);

            assertThat(fromBob).isNotNull();
            assertThat(fromAlice).isNotNull();
            assertThat(fromBob.ssrc()).isEqualTo(bob.ssrc());
            assertThat(fromAlice.ssrc()).isEqualTo(alice.ssrc());
            assertThat(List.of(fromBob.picture(), fromAlice.picture())).allSatisfy(p -> {
                assertThat(p.getWidth()).isEqualTo(320);
                assertThat(p.getHeight()).isEqualTo(180);
            });
            assertThat(answer.toString()).contains("H264/90000");
        }
    }
}
