package dev.parley.ua.media.audio;

import java.io.IOException;
import java.util.Arrays;
import javax.sound.sampled.TargetDataLine;

/**
 * The microphone ({@code mic}) through javax.sound at 48 kHz mono. The tick takes what the line
 * has captured, never waiting: a frame not yet captured is silence, and more than four frames of
 * backlog are skipped so the delay stays short.
 */
public final class MicSource implements AudioSource {
    private final TargetDataLine line;
    private final byte[] bytes = new byte[SoundLines.FRAME_BYTES];

    public MicSource() throws IOException {
        line = SoundLines.open(TargetDataLine.class, "microphone", 10);
        line.start();
    }

    @Override
    public void read(short[] frame) {
        while (line.available() > 4 * SoundLines.FRAME_BYTES) {
            line.read(bytes, 0, bytes.length);
        }
        if (line.available() >= bytes.length) {
            line.read(bytes, 0, bytes.length);
            SoundLines.toSamples(bytes, frame);
        } else {
            Arrays.fill(frame, 0, FRAME, (short) 0);
        }
    }

    @Override
    public void close() {
        line.stop();
        line.close();
    }
}
