package dev.parley.media.g722;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_ADPCM_G722;

import dev.parley.media.FfmpegAudio;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * media-core's G.722 and FFmpeg's {@code g722} encoder give the same bytes for the same 16 kHz
 * speech-like signal, and each decoder gives the same samples for the same bytes.
 */
class G722FfmpegTest {
    /** Four seconds: a sweep from 50 Hz to 7.5 kHz, two tones, loud noise bursts and silence. */
    private static short[] signal() {
        Random random = new Random(7);
        short[] pcm = new short[4 * 16000];
        double phase = 0;
        for (int i = 0; i < pcm.length; i++) {
            double t = i / 16000.0;
            double f = 50 + 7450 * (i % 16000) / 16000.0;
            phase += 2 * Math.PI * f / 16000;
            double v = 12000 * Math.sin(phase)
                    + 6000 * Math.sin(2 * Math.PI * 440 * t)
                    + 3000 * Math.sin(2 * Math.PI * 3000 * t);
            if (i / 4000 % 4 == 1) {
                v = random.nextGaussian() * 12000; // noise that saturates now and then
            } else if (i / 4000 % 4 == 3) {
                v = 0;
            }
            pcm[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
        }
        return pcm;
    }

    @Test
    void encodesLikeFfmpeg() {
        short[] pcm = signal();
        byte[] ours = new byte[pcm.length / 2];
        new G722Encoder().encode(pcm, 0, pcm.length, ours, 0);

        byte[] theirs = FfmpegAudio.encode(AV_CODEC_ID_ADPCM_G722, 16000, pcm);

        assertThat(theirs).hasSameSizeAs(ours);
        assertThat(ours).isEqualTo(theirs);
    }

    @Test
    void decodesLikeFfmpeg() {
        short[] pcm = signal();
        byte[] coded = new byte[pcm.length / 2];
        new G722Encoder().encode(pcm, 0, pcm.length, coded, 0);
        short[] ours = new short[pcm.length];
        new G722Decoder().decode(coded, 0, coded.length, ours, 0);

        assertThat(ours).isEqualTo(FfmpegAudio.decode(AV_CODEC_ID_ADPCM_G722, 16000, coded));
    }
}
