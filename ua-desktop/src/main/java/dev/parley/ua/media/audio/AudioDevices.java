package dev.parley.ua.media.audio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The headless device flags: {@code --audio-source tone:HZ|wav:FILE|mic} and {@code
 * --audio-sink wav:FILE|speaker|null}. {@link #checkSource}/{@link #checkSink} validate a spec
 * when the command line is read; {@link #source}/{@link #sink} open the device for one call.
 */
public final class AudioDevices {
    private AudioDevices() {}

    /** Peak of a generated tone: -12 dBFS, so two of them summed do not clip. */
    public static final int TONE_AMPLITUDE = 8000;

    public static void checkSource(String spec) {
        if (spec.equals("mic")) {
            return;
        }
        if (spec.startsWith("tone:")) {
            new ToneSource(hz(spec), TONE_AMPLITUDE);
            return;
        }
        if (spec.startsWith("wav:") && spec.length() > 4) {
            return;
        }
        throw new IllegalArgumentException("an audio source is tone:HZ, wav:FILE or mic, got \"" + spec + "\"");
    }

    public static void checkSink(String spec) {
        if (spec.equals("speaker") || spec.equals("null") || spec.startsWith("wav:") && spec.length() > 4) {
            return;
        }
        throw new IllegalArgumentException("an audio sink is wav:FILE, speaker or null, got \"" + spec + "\"");
    }

    public static AudioSource source(String spec) throws IOException {
        checkSource(spec);
        if (spec.equals("mic")) {
            return new MicSource();
        }
        if (spec.startsWith("tone:")) {
            return new ToneSource(hz(spec), TONE_AMPLITUDE);
        }
        return new WavSource(Path.of(spec.substring(4)));
    }

    public static AudioSink sink(String spec) throws IOException {
        checkSink(spec);
        if (spec.equals("speaker")) {
            return new SpeakerSink();
        }
        if (spec.equals("null")) {
            return new NullSink();
        }
        return new WavSink(Path.of(spec.substring(4)));
    }

    private static double hz(String spec) {
        try {
            return Double.parseDouble(spec.substring(5));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("tone:HZ needs a frequency, got \"" + spec + "\"", e);
        }
    }
}
