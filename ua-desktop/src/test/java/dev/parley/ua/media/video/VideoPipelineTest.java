package dev.parley.ua.media.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole video path but the socket: test pattern, FFmpeg encoder, RTP payloads (with FU-A
 * fragments for H.264), packets shuffled within each frame and one fragment lost, frame
 * assembly, FFmpeg decoder.
 */
class VideoPipelineTest {
    private static final FrameSize CODED = new FrameSize(320, 240);
    private static final int MAX_PAYLOAD = 64;
    private static final int LOST_FRAME = 6;

    @ParameterizedTest
    @EnumSource(VideoCodec.class)
    void lossLeadsToAKeyFrameRequestAndRecovery(VideoCodec codec) throws Exception {
        Random random = new Random(42);
        List<Integer> decodedFrames = new ArrayList<>();
        List<BufferedImage> pictures = new ArrayList<>();
        int keyFrameRequestedAt = -1;
        int fragmentsSeen = 0;
        try (TestPatternSource source = new TestPatternSource(new FrameSize(640, 480), 15, "alice");
                VideoEncoder encoder = VideoEncoder.open(new VideoEncoder.Config(codec, CODED, 15, 400_000, 10));
                VideoDecoder decoder = VideoDecoder.open(codec)) {
            Packetizer packetizer = codec.packetizer(MAX_PAYLOAD, 0);
            FrameAssembler assembler = new FrameAssembler(codec.depacketizer(), 1000);
            int seq = 65000; // crosses the 16-bit wrap
            for (int n = 0; n < 20; n++) {
                List<EncodedFrame> encoded = encoder.encode(source.grab().orElseThrow());
                assertThat(encoded).hasSize(1);
                if (n == 0 || n == keyFrameRequestedAt + 1) {
                    assertThat(encoded.get(0).keyFrame())
                            .as("frame %d is a key frame", n)
                            .isTrue();
                }
                List<byte[]> payloads = packetizer.packetize(encoded.get(0).data());
                assertThat(payloads).allSatisfy(p -> assertThat(p.length).isLessThanOrEqualTo(MAX_PAYLOAD));
                fragmentsSeen += (int)
                        payloads.stream().filter(p -> isFragment(codec, p)).count();
                List<int[]> order = new ArrayList<>();
                for (int i = 0; i < payloads.size(); i++) {
                    order.add(new int[] {i, (seq + i) & 0xFFFF});
                }
                seq += payloads.size();
                Collections.shuffle(order, random);
                if (n == LOST_FRAME) {
                    assertThat(order).as("frame %d has several packets", n).hasSizeGreaterThan(2);
                    order.removeIf(o -> o[0] == 1); // the second packet never arrives
                }
                long timestamp = 90_000L / 15 * n;
                for (int[] o : order) {
                    byte[] p = payloads.get(o[0]);
                    Optional<EncodedFrame> frame =
                            assembler.push(o[1], timestamp, o[0] == payloads.size() - 1, p, 0, p.length);
                    if (frame.isPresent()) {
                        Optional<BufferedImage> picture = decoder.decode(frame.get());
                        picture.ifPresent(pictures::add);
                        if (picture.isPresent()) {
                            decodedFrames.add(n);
                        }
                    }
                }
                if (assembler.takeKeyFrameRequest()) {
                    keyFrameRequestedAt = n;
                    encoder.requestKeyFrame(); // what a PLI does at the sender
                }
            }
        }

        assertThat(fragmentsSeen)
                .as("frames larger than one packet were fragmented")
                .isPositive();
        assertThat(keyFrameRequestedAt)
                .as("the loss is noticed when the next frame begins")
                .isEqualTo(LOST_FRAME + 1);
        assertThat(decodedFrames).containsSequence(0, 1, 2, 3, 4, 5).doesNotContain(LOST_FRAME, LOST_FRAME + 1);
        assertThat(decodedFrames).contains(LOST_FRAME + 2, 19);
        assertThat(pictures).allSatisfy(p -> {
            assertThat(p.getWidth()).isEqualTo(320);
            assertThat(p.getHeight()).isEqualTo(240);
        });
        // The first colour bar is white and the sixth red, scaled and through the codec.
        BufferedImage last = pictures.get(pictures.size() - 1);
        assertThat(brightness(last.getRGB(10, 20))).isGreaterThan(200);
        int red = last.getRGB(5 * 320 / 7 + 10, 20);
        assertThat((red >> 16) & 0xFF).isGreaterThan(180);
        assertThat(red & 0xFF).isLessThan(80);
    }

    /** An H.264 FU-A, or a VP8 packet with S=0. */
    private static boolean isFragment(VideoCodec codec, byte[] payload) {
        return codec == VideoCodec.H264 ? (payload[0] & 0x1F) == 28 : (payload[0] & 0x10) == 0;
    }

    private static int brightness(int rgb) {
        return (((rgb >> 16) & 0xFF) + ((rgb >> 8) & 0xFF) + (rgb & 0xFF)) / 3;
    }
}
