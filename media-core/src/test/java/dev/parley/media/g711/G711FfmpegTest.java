package dev.parley.media.g711;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_ALAW;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_PCM_MULAW;

import dev.parley.media.FfmpegAudio;
import org.junit.jupiter.api.Test;

/**
 * Every 16-bit sample coded by media-core and by FFmpeg's {@code pcm_mulaw} / {@code pcm_alaw}
 * encoders gives the same byte, and every code decodes to the same sample both ways.
 */
class G711FfmpegTest {
    private static short[] everySample() {
        short[] pcm = new short[65536];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (i - 32768);
        }
        return pcm;
    }

    private static byte[] everyCode() {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        return codes;
    }

    @Test
    void muLawEncodesEverySampleLikeFfmpeg() {
        short[] pcm = everySample();
        byte[] ours = new byte[pcm.length];
        MuLaw.encode(pcm, 0, ours, 0, pcm.length);

        assertThat(ours).isEqualTo(FfmpegAudio.encode(AV_CODEC_ID_PCM_MULAW, 8000, pcm));
    }

    @Test
    void aLawEncodesEverySampleLikeFfmpeg() {
        short[] pcm = everySample();
        byte[] ours = new byte[pcm.length];
        ALaw.encode(pcm, 0, ours, 0, pcm.length);

        assertThat(ours).isEqualTo(FfmpegAudio.encode(AV_CODEC_ID_PCM_ALAW, 8000, pcm));
    }

    @Test
    void everyCodeDecodesLikeFfmpeg() {
        byte[] codes = everyCode();
        short[] mu = new short[256];
        short[] a = new short[256];
        MuLaw.decode(codes, 0, mu, 0, 256);
        ALaw.decode(codes, 0, a, 0, 256);

        assertThat(mu).isEqualTo(FfmpegAudio.decode(AV_CODEC_ID_PCM_MULAW, 8000, codes));
        assertThat(a).isEqualTo(FfmpegAudio.decode(AV_CODEC_ID_PCM_ALAW, 8000, codes));
    }
}
