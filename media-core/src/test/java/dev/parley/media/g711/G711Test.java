package dev.parley.media.g711;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711Test {
    @Test
    void muLawDecodesTheCodeTableEnds() {
        assertThat(MuLaw.decode((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(MuLaw.decode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(MuLaw.decode((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(MuLaw.decode((byte) 0x7F)).isEqualTo((short) 0);
        assertThat(MuLaw.decode((byte) 0xFE)).isEqualTo((short) 8);
        assertThat(MuLaw.decode((byte) 0x7E)).isEqualTo((short) -8);
        assertThat(MuLaw.decode((byte) 0xEF)).isEqualTo((short) 132); // segment 1 starts at 16 << 3 + 4
    }

    @Test
    void aLawDecodesTheCodeTableEnds() {
        assertThat(ALaw.decode((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(ALaw.decode((byte) 0x55)).isEqualTo((short) -8);
        assertThat(ALaw.decode((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(ALaw.decode((byte) 0x2A)).isEqualTo((short) -32256);
        assertThat(ALaw.decode((byte) 0xC5)).isEqualTo((short) 264); // segment 1, mantissa 0
    }

    @Test
    void encodesSilenceAndFullScale() {
        assertThat(MuLaw.encode((short) 0)).isEqualTo((byte) 0xFF);
        assertThat(MuLaw.encode(Short.MAX_VALUE)).isEqualTo((byte) 0x80);
        assertThat(MuLaw.encode(Short.MIN_VALUE)).isEqualTo((byte) 0x00);
        assertThat(ALaw.encode((short) 0)).isEqualTo((byte) 0xD5);
        assertThat(ALaw.encode(Short.MAX_VALUE)).isEqualTo((byte) 0xAA);
        assertThat(ALaw.encode(Short.MIN_VALUE)).isEqualTo((byte) 0x2A);
    }

    @Test
    void everyCodeWordSurvivesDecodeThenEncode() {
        for (int code = 0; code < 256; code++) {
            byte b = (byte) code;
            if (code != 0x7F) { // µ-law -0 encodes as +0 (0xFF)
                assertThat(MuLaw.encode(MuLaw.decode(b))).as("µ-law %02x", code).isEqualTo(b);
            }
            assertThat(ALaw.encode(ALaw.decode(b))).as("A-law %02x", code).isEqualTo(b);
        }
    }

    @Test
    void encodePicksTheNearestReconstructionValue() {
        short[] muValues = allValues(true);
        short[] aValues = allValues(false);
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            short sample = (short) s;
            int muError = Math.abs(MuLaw.decode(MuLaw.encode(sample)) - s);
            int aError = Math.abs(ALaw.decode(ALaw.encode(sample)) - s);
            // The table sees the top 14 bits only and mirrors positive thresholds for negative
            // samples, so a sample within 8 of a threshold may take the other neighbour.
            assertThat(muError).as("µ-law %d", s).isLessThanOrEqualTo(nearest(muValues, s) + 8);
            assertThat(aError).as("A-law %d", s).isLessThanOrEqualTo(nearest(aValues, s) + 8);
        }
    }

    @Test
    void bufferMethodsMatchSampleMethods() {
        short[] pcm = {0, 1, -1, 1000, -1000, 32767, -32768, 12345};
        byte[] mu = new byte[pcm.length + 2];
        byte[] a = new byte[pcm.length + 2];
        MuLaw.encode(pcm, 0, mu, 2, pcm.length);
        ALaw.encode(pcm, 0, a, 2, pcm.length);
        short[] muBack = new short[pcm.length];
        short[] aBack = new short[pcm.length];
        MuLaw.decode(mu, 2, muBack, 0, pcm.length);
        ALaw.decode(a, 2, aBack, 0, pcm.length);
        for (int i = 0; i < pcm.length; i++) {
            assertThat(mu[i + 2]).isEqualTo(MuLaw.encode(pcm[i]));
            assertThat(a[i + 2]).isEqualTo(ALaw.encode(pcm[i]));
            assertThat(muBack[i]).isEqualTo(MuLaw.decode(mu[i + 2]));
            assertThat(aBack[i]).isEqualTo(ALaw.decode(a[i + 2]));
        }
        assertThat(muBack[3]).isBetween((short) 960, (short) 1040);
        assertThat(aBack[4]).isBetween((short) -1040, (short) -960);
    }

    private static short[] allValues(boolean mu) {
        short[] values = new short[256];
        for (int code = 0; code < 256; code++) {
            values[code] = mu ? MuLaw.decode((byte) code) : ALaw.decode((byte) code);
        }
        return values;
    }

    private static int nearest(short[] values, int s) {
        int best = Integer.MAX_VALUE;
        for (short v : values) {
            best = Math.min(best, Math.abs(v - s));
        }
        return best;
    }
}
