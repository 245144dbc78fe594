package dev.parley.ua.media.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** RIFF/WAVE with 16-bit mono PCM (the only kind the agent reads or writes). */
final class WavFile {
    private WavFile() {}

    static final int HEADER = 44;

    /** The 44-byte header for {@code dataBytes} of 16-bit mono PCM at {@code rate}. */
    static byte[] header(int rate, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
        b.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        b.putShort((short) 1).putShort((short) 1).putInt(rate).putInt(2 * rate);
        b.putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        return b.array();
    }

    /** A whole file's samples and rate; anything but 16-bit mono PCM is refused with what it is. */
    record Pcm(int rate, short[] samples) {}

    static Pcm read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.limit() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IOException(file + " is not a WAV file");
        }
        int rate = 0;
        int pos = 12;
        while (pos + 8 <= b.limit()) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (id == 0x20746d66) { // "fmt "
                if (b.getShort(body) != 1 || b.getShort(body + 2) != 1 || b.getShort(body + 14) != 16) {
                    throw new IOException(file + " is not 16-bit mono PCM");
                }
                rate = b.getInt(body + 4);
            } else if (id == 0x61746164) { // "data"
                if (rate == 0) {
                    throw new IOException(file + ": data before format");
                }
                int end = size <= 0 || body + size > b.limit() ? b.limit() : body + size;
                short[] s = new short[(end - body) / 2];
                for (int i = 0; i < s.length; i++) {
                    s[i] = b.getShort(body + 2 * i);
                }
                return new Pcm(rate, s);
            }
            if (size < 0) {
                break;
            }
            pos = body + size + (size & 1);
        }
        throw new IOException(file + " has no audio data");
    }
}
