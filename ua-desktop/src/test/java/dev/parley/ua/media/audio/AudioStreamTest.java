package dev.parley.ua.media.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.tone.Goertzel;
import dev.parley.sdp.Origin;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.negotiation.AnswerParams;
import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.sdp.negotiation.Negotiation;
import dev.parley.sdp.negotiation.OfferAnswer;
import dev.parley.sdp.negotiation.OfferParams;
import dev.parley.sdp.negotiation.Offers;
import dev.parley.sdp.negotiation.Profiles;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two audio streams over real UDP on loopback, negotiated with the DESKTOP profile as two agents
 * would (Opus): each plays the other's tone, not its own.
 */
class AudioStreamTest {
    /** Keeps the frames it is given; counts down once it has {@code wanted} of them with sound. */
    static final class Recorder implements AudioSink {
        final short[] pcm;
        final CountDownLatch full = new CountDownLatch(1);
        int frames;

        Recorder(int wanted) {
            pcm = new short[wanted * AudioSource.FRAME];
        }

        @Override
        public synchronized void write(short[] frame) {
            boolean sound = false;
            for (short s : frame) {
                sound |= s != 0;
            }
            if ((sound || frames > 0) && frames * AudioSource.FRAME < pcm.length) {
                System.arraycopy(frame, 0, pcm, frames * AudioSource.FRAME, AudioSource.FRAME);
                frames++;
                if (frames * AudioSource.FRAME == pcm.length) {
                    full.countDown();
                }
            }
        }

        @Override
        public void close() {}
    }

    @Test
    void eachHearsTheOthersToneAndNotItsOwn() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        Recorder atAlice = new Recorder(150);
        Recorder atBob = new Recorder(150);
        List<Integer> aliceLevels = new CopyOnWriteArrayList<>();
        try (AudioStream alice =
                        new AudioStream(lo, new ToneSource(440, 8000), atAlice, "alice@test", aliceLevels::add);
                AudioStream bob = new AudioStream(lo, new ToneSource(880, 8000), atBob, "bob@test", level -> {})) {
            SessionDescription offer = Offers.offer(
                    Profiles.DESKTOP,
                    new OfferParams(
                            Origin.of("alice", 1, 1, "127.0.0.1"),
                            "-",
                            "127.0.0.1",
                            Map.of(MediaKind.AUDIO, alice.local())));
            Negotiation atAnswerer = OfferAnswer.negotiate(offer, Profiles.DESKTOP);
            SessionDescription answer = atAnswerer.answer(
                    new AnswerParams(Origin.of("bob", 2, 1, "127.0.0.1"), "-", "127.0.0.1", Map.of(0, bob.local())));
            Negotiation atOfferer = Offers.readAnswer(offer, answer, Profiles.DESKTOP);
            assertThat(answer.toString()).contains("opus/48000/2");
            bob.start(atAnswerer.streams().get(0));
            alice.start(atOfferer.streams().get(0));

            assertThat(atAlice.full.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(atBob.full.await(20, TimeUnit.SECONDS)).isTrue();

            // The level meter: a sine of peak 8000 has an RMS of 8000/sqrt(2), -15.3 dBov (RFC 6464
            // level 15); muted, what is sent is silence (127).
            assertThat(aliceLevels).contains(15).allMatch(l -> l >= 14 && l <= 16);
            alice.setSending(false);
            int heard = aliceLevels.size();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (aliceLevels.size() < heard + 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(aliceLevels.subList(heard + 1, aliceLevels.size()))
                    .isNotEmpty()
                    .containsOnly(127);
        }
        // On a host too busy to keep every 20 ms tick some frames are concealed or silent, so
        // the check is per 100 ms window: a second's worth of clean windows of the other's tone,
        // and the own tone in none.
        hears(atAlice.pcm, 880, 440);
        hears(atBob.pcm, 440, 880);
    }

    static void hears(short[] pcm, double other, double own) {
        int window = AudioSource.RATE / 10;
        int clean = 0;
        for (int at = 0; at + window <= pcm.length; at += window) {
            double o = amplitude(pcm, at, window, other);
            double self = amplitude(pcm, at, window, own);
            if (o > 6000) {
                clean++;
            }
            assertThat(self).as("own %s Hz at %d", own, at).isLessThan(200);
        }
        assertThat(clean).as("100 ms windows with the other's %s Hz", other).isGreaterThanOrEqualTo(10);
    }

    static double amplitude(short[] pcm, int from, int n, double hz) {
        return new Goertzel(hz, AudioSource.RATE).amplitude(pcm, from, n);
    }
}
