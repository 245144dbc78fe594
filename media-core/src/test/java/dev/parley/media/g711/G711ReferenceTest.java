package dev.parley.media.g711;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Parley's G.711 against the CCITT/Sun reference coder (vectors under {@code
 * src/test/resources/dev/parley/media/g711/}, see the README there). Decoding must match
 * exactly. Encoding follows FFmpeg's tables, whose thresholds sit midway between reconstruction
 * values, while the reference truncates: they may differ only where a sample lies within a few
 * units of a threshold, and there Parley's choice is never further from the sample.
 */
class G711ReferenceTest {
    private static byte[] resource(String name) throws IOException {
        try (InputStream in = G711ReferenceTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static short littleEndian(byte[] data, int index) {
        return (short) ((data[2 * index] & 0xFF) | (data[2 * index + 1] << 8));
    }

    @Test
    void decodingMatchesTheReferenceForEveryCodeWord() throws IOException {
        byte[] mu = resource("reference-ulaw-decode.bin");
        byte[] a = resource("reference-alaw-decode.bin");
        for (int code = 0; code < 256; code++) {
            assertThat(MuLaw.decode((byte) code)).as("µ-law %02x", code).isEqualTo(littleEndian(mu, code));
            assertThat(ALaw.decode((byte) code)).as("A-law %02x", code).isEqualTo(littleEndian(a, code));
        }
    }

    @Test
    void muLawEncodingDiffersOnlyAtThresholds() throws IOException {
        int differences = compareEncoder(
                resource("reference-ulaw-encode.bin"), s -> MuLaw.encode((short) s), c -> MuLaw.decode((byte) c));
        assertThat(differences).isBetween(1, 16384 / 50);
    }

    @Test
    void aLawEncodingDiffersOnlyAtThresholds() throws IOException {
        int differences = compareEncoder(
                resource("reference-alaw-encode.bin"), s -> ALaw.encode((short) s), c -> ALaw.decode((byte) c));
        assertThat(differences).isBetween(1, 16384 / 50);
    }

    /** Returns how many sampled inputs the two encoders code differently. */
    private static int compareEncoder(byte[] reference, IntUnaryOperator encode, IntUnaryOperator decode) {
        int differences = 0;
        for (int k = 0; k < reference.length; k++) {
            int sample = -32768 + 4 * k;
            int ours = encode.applyAsInt(sample) & 0xFF;
            int theirs = reference[k] & 0xFF;
            if (ours != theirs) {
                differences++;
                int ourError = Math.abs(decode.applyAsInt(ours) - sample);
                int theirError = Math.abs(decode.applyAsInt(theirs) - sample);
                assertThat(ourError)
                        .as("sample %d: ours %02x, reference %02x", sample, ours, theirs)
                        .isLessThanOrEqualTo(theirError);
                assertThat(Math.abs(decode.applyAsInt(ours) - decode.applyAsInt(theirs)))
                        .as("neighbouring code words")
                        .isLessThanOrEqualTo(1024);
            }
        }
        return differences;
    }
}
