package dev.parley.ua.media.audio;

import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.ua.session.MediaStream;
import dev.parley.ua.session.MediaStreamFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.util.function.IntConsumer;

/**
 * Audio for each call: a source and a sink opened from their specs ({@code tone:440}, {@code
 * wav:FILE}, {@code mic}; {@code wav:FILE}, {@code speaker}, {@code null}) and an {@link
 * AudioStream}. A {@code wav:FILE} sink is rewritten by each call.
 */
public final class AudioStreamFactory implements MediaStreamFactory {
    private final String source;
    private final String sink;
    private final String cname;
    private final IntConsumer levels;

    /** Checks both specs now, so a typo fails at start-up, not at the first call. */
    public AudioStreamFactory(String source, String sink, String cname) {
        this(source, sink, cname, level -> {});
    }

    /**
     * As above, and {@code levels} gets the sent audio's RFC 6464 level (0 = 0 dBov, the
     * loudest, to 127 = silence; 127 while muted) ten times a second, on the call's audio thread.
     */
    public AudioStreamFactory(String source, String sink, String cname, IntConsumer levels) {
        AudioDevices.checkSource(source);
        AudioDevices.checkSink(sink);
        this.source = source;
        this.sink = sink;
        this.cname = cname;
        this.levels = levels;
    }

    @Override
    public MediaKind kind() {
        return MediaKind.AUDIO;
    }

    @Override
    public MediaStream open(InetAddress local) throws IOException {
        AudioSource src = AudioDevices.source(source);
        AudioSink out;
        try {
            out = AudioDevices.sink(sink);
        } catch (IOException | RuntimeException e) {
            src.close();
            throw e;
        }
        try {
            return new AudioStream(local, src, out, cname, levels);
        } catch (IOException | RuntimeException e) {
            src.close();
            out.close();
            throw e;
        }
    }
}
