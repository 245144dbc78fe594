package dev.parley.interop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * 16-bit PCM in RIFF/WAVE files: a mono sine the peers send, and what they recorded (stereo
 * recordings, Opus's, are read as the mean of both channels). A data chunk whose size field was
 * never filled in (a writer stopped before closing) counts up to the end of the file.
 */
record Wav(int sampleRate, short[] samples) {
    /** Writes {@code seconds} of a sine at {@code hz} with peak {@code amplitude}. */
    static void writeTone(Path file, int sampleRate, double hz, int seconds, int amplitude) throws IOException {
        int n = sampleRate * seconds;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + 2 * n);
        b.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) 1); // PCM, one channel
        b.putInt(sampleRate).putInt(2 * sampleRate); // sample rate, byte rate
        b.putShort((short) 2).putShort((short) 16); // block align, bits per sample
        b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(2 * n);
        for (int i = 0; i < n; i++) {
            b.putShort((short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate)));
        }
        Files.write(file, b.array());
    }

    /** Reads a 16-bit mono or stereo PCM file as mono; anything else fails with what was found. */
    static Wav read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IOException(file + ": not a RIFF/WAVE file");
        }
        int rate = 0;
        int channels = 0;
        int pos = 12;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                int format = b.getShort(body);
                channels = b.getShort(body + 2);
                int bits = b.getShort(body + 14);
                if (format != 1 || channels < 1 || channels > 2 || bits != 16) {
                    throw new IOException(file + ": format " + format + ", " + channels + " channels, " + bits
                            + " bits; expected PCM, 1 or 2, 16");
                }
                rate = b.getInt(body + 4);
            } else if (id == 0x61746164) { // "data"
                if (rate == 0) {
                    throw new IOException(file + ": data chunk before fmt chunk");
                }
                int end = size <= 0 || body + size > b.limit() ? b.limit() : body + size;
                short[] samples = new short[(end - body) / (2 * channels)];
                for (int i = 0; i < samples.length; i++) {
                    int sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += b.getShort(body + 2 * (i * channels + c));
                    }
                    samples[i] = (short) (sum / channels);
                }
                return new Wav(rate, samples);
            }
            pos = body + size + (size & 1);
        }
        throw new IOException(file + ": no data chunk");
    }

    double seconds() {
        return samples.length / (double) sampleRate;
    }
}
