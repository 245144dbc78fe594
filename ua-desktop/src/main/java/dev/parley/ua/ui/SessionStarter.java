package dev.parley.ua.ui;

import dev.parley.ua.media.video.VideoSink;
import dev.parley.ua.session.Account;
import dev.parley.ua.session.Session;
import dev.parley.ua.session.SessionListener;
import java.io.IOException;
import java.util.function.IntConsumer;

/**
 * Starts the agent's {@link Session} for an account, with its media sending decoded and local
 * pictures to {@code video} (the window's grid) and the sent audio's RFC 6464 level (0 loudest,
 * 127 silence or muted) to {@code micLevel} ten times a second. {@code parley ua} passes the SIP
 * session.
 */
@FunctionalInterface
public interface SessionStarter {
    Session start(Account account, VideoSink video, IntConsumer micLevel, SessionListener listener) throws IOException;
}
