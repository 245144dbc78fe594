package dev.parley.ua.media.audio;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * Records what the agent plays ({@code wav:FILE}): 16-bit mono PCM at 48 kHz. The sizes in the
 * header are written at close; a file cut short earlier still reads (its data runs to the end).
 */
public final class WavSink implements AudioSink {
    private final RandomAccessFile file;
    private final byte[] bytes = new byte[2 * AudioSource.FRAME];
    private int dataBytes;
    private boolean failed;

    public WavSink(Path path) throws IOException {
        file = new RandomAccessFile(path.toFile(), "rw");
        file.setLength(0);
        file.write(WavFile.header(AudioSource.RATE, 0));
    }

    @Override
    public void write(short[] frame) {
        if (failed) {
            return;
        }
        for (int i = 0; i < AudioSource.FRAME; i++) {
            bytes[2 * i] = (byte) frame[i];
            bytes[2 * i + 1] = (byte) (frame[i] >> 8);
        }
        try {
            file.write(bytes);
            dataBytes += bytes.length;
        } catch (IOException e) {
            failed = true;
        }
    }

    @Override
    public void close() {
        try {
            file.seek(0);
            file.write(WavFile.header(AudioSource.RATE, dataBytes));
            file.close();
        } catch (IOException e) {
            // the data is there; only the header sizes are stale, which readers tolerate
        }
    }
}
