package dev.parley.ua.media.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.media.tone.Goertzel;
import dev.parley.sdp.RtpMap;
import org.junit.jupiter.api.Test;

/** A 440 Hz tone through each codec, encoder to decoder, comes out as 440 Hz and not 880. */
class AudioCodecsTest {
    static void roundTrip(String encoding, int clock, int channels, int expectedPayload) {
        RtpMap map = new RtpMap("96", encoding, clock, channels);
        assertThat(AudioCodecs.supports(map)).isTrue();
        AudioCodec enc = AudioCodecs.create(map);
        AudioCodec dec = AudioCodecs.create(map);
        ToneSource tone = new ToneSource(440, AudioDevices.TONE_AMPLITUDE);
        short[] frame = new short[AudioSource.FRAME];
        short[] out = new short[AudioSource.FRAME];
        byte[] payload = new byte[1500];
        short[] last = new short[AudioSource.FRAME * 10];
        for (int i = 0; i < 50; i++) {
            tone.read(frame);
            int n = enc.encode(frame, payload, 0);
            assertThat(n).isPositive();
            if (expectedPayload > 0) {
                assertThat(n).isEqualTo(expectedPayload);
            }
            assertThat(dec.decode(payload, 0, n, out)).isEqualTo(AudioSource.FRAME);
            if (i >= 40) {
                System.arraycopy(out, 0, last, (i - 40) * AudioSource.FRAME, AudioSource.FRAME);
            }
        }
        double a440 = new Goertzel(440, AudioSource.RATE).amplitude(last, 0, last.length);
        double a880 = new Goertzel(880, AudioSource.RATE).amplitude(last, 0, last.length);
        assertThat(a440).as("%s 440 Hz amplitude", encoding).isGreaterThan(AudioDevices.TONE_AMPLITUDE * 0.5);
        assertThat(a880).as("%s 880 Hz amplitude", encoding).isLessThan(a440 / 50);
        assertThat(enc.timestampsPerFrame()).isEqualTo(clock / 50);
    }

    @Test
    void opus() {
        roundTrip("opus", 48000, 2, 0);
    }

    @Test
    void pcmuAndPcma() {
        roundTrip("PCMU", 8000, 1, 160);
        roundTrip("PCMA", 8000, 1, 160);
    }

    @Test
    void badPayloadsAreRefusedNotThrown() {
        AudioCodec pcmu = AudioCodecs.create(new RtpMap("0", "PCMU", 8000, 1));
        assertThat(pcmu.decode(new byte[80], 0, 80, new short[AudioSource.FRAME]))
                .isEqualTo(-1);
        AudioCodec opus = AudioCodecs.create(new RtpMap("111", "opus", 48000, 2));
        // Any bytes decode to a whole frame (Opus conceals) or are refused; never an exception.
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[1 + random.nextInt(60)];
            random.nextBytes(junk);
            assertThat(opus.decode(junk, 0, junk.length, new short[AudioSource.FRAME]))
                    .isIn(-1, AudioSource.FRAME);
        }
        assertThat(AudioCodecs.supports(new RtpMap("9", "G722", 8000, 1))).isFalse();
    }
}
