package dev.parley.ua.media.audio;

import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;

/** The javax.sound lines of the real devices: 48 kHz mono 16-bit little-endian PCM. */
final class SoundLines {
    private SoundLines() {}

    static final AudioFormat FORMAT = new AudioFormat(AudioSource.RATE, 16, 1, true, false);
    /** Bytes of one 20 ms frame. */
    static final int FRAME_BYTES = 2 * AudioSource.FRAME;

    /** Opens a line of {@code type} with room for {@code frames} frames; a clear error when there is no such device. */
    static <T extends Line> T open(Class<T> type, String what, int frames) throws IOException {
        DataLine.Info info = new DataLine.Info(type, FORMAT, frames * FRAME_BYTES);
        if (!AudioSystem.isLineSupported(info)) {
            throw new IOException("no " + what + " that takes 48 kHz mono (use --audio-"
                    + (what.equals("microphone") ? "source tone:440" : "sink null") + " without one)");
        }
        try {
            T line = type.cast(AudioSystem.getLine(info));
            if (line instanceof javax.sound.sampled.TargetDataLine t) {
                t.open(FORMAT, frames * FRAME_BYTES);
            } else if (line instanceof javax.sound.sampled.SourceDataLine s) {
                s.open(FORMAT, frames * FRAME_BYTES);
            }
            return line;
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new IOException("the " + what + " is not available: " + e.getMessage(), e);
        }
    }

    static void toBytes(short[] frame, byte[] out) {
        for (int i = 0; i < AudioSource.FRAME; i++) {
            out[2 * i] = (byte) frame[i];
            out[2 * i + 1] = (byte) (frame[i] >> 8);
        }
    }

    static void toSamples(byte[] in, short[] frame) {
        for (int i = 0; i < AudioSource.FRAME; i++) {
            frame[i] = (short) ((in[2 * i] & 0xFF) | (in[2 * i + 1] << 8));
        }
    }
}
