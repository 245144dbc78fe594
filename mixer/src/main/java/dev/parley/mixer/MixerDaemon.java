package dev.parley.mixer;

import dev.parley.mixer.audio.OpusCodecs;
import dev.parley.mixer.control.ControlServer;
import dev.parley.mixer.control.EventLog;
import dev.parley.mixer.engine.DtmfListener;
import dev.parley.mixer.engine.SilenceListener;
import dev.parley.mixer.net.MixerEngine;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running mixer: media workers first, then the control API in front of them; closed in the
 * reverse order.
 */
public final class MixerDaemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MixerDaemon.class);

    private final MixerEngine engine;
    private final ControlServer control;

    public MixerDaemon(MixerConfig config) throws IOException {
        EventLog events = new EventLog(4096);
        DtmfListener dtmf = (conference, endpoint, key, millis) -> {
            LOG.info("dtmf {}/{}: key {} for {} ms", conference, endpoint, key, millis);
            events.add(
                    "dtmf",
                    conference,
                    endpoint,
                    Map.of("key", String.valueOf(key), "durationMs", Integer.toString(millis)));
        };
        SilenceListener silence = (conference, endpoint, millis) -> {
            LOG.info("rtp-timeout {}/{}: nothing received for {} ms", conference, endpoint, millis);
            events.add("rtp-timeout", conference, endpoint, Map.of("silentMs", Long.toString(millis)));
        };
        this.engine = new MixerEngine(config, dtmf, silence, System::nanoTime);
        LOG.info("opus: {}", engine.opus().description());
        engine.realtimeDescription().ifPresent(threads -> LOG.info("realtime: {}", threads));
        try {
            this.control = new ControlServer(config.control(), config.token(), engine, events);
        } catch (IOException | RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** The Opus the mixer runs. */
    public OpusCodecs opus() {
        return engine.opus();
    }

    public InetSocketAddress controlAddress() {
        return control.address();
    }

    @Override
    public void close() {
        try {
            control.close();
        } finally {
            engine.close();
        }
    }
}
