package dev.parley.ua.media.audio;

import java.io.IOException;
import javax.sound.sampled.SourceDataLine;

/** The speaker ({@code speaker}) through javax.sound at 48 kHz mono; a frame the line has no room for is dropped, never waited for. */
public final class SpeakerSink implements AudioSink {
    private final SourceDataLine line;
    private final byte[] bytes = new byte[SoundLines.FRAME_BYTES];

    public SpeakerSink() throws IOException {
        line = SoundLines.open(SourceDataLine.class, "speaker", 10);
        line.start();
    }

    @Override
    public void write(short[] frame) {
        if (line.available() >= bytes.length) {
            SoundLines.toBytes(frame, bytes);
            line.write(bytes, 0, bytes.length);
        }
    }

    @Override
    public void close() {
        line.stop();
        line.close();
    }
}
