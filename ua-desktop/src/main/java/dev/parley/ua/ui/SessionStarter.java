package dev.parley.ua.ui;

import dev.parley.ua.media.video.VideoSink;
import dev.parley.ua.session.Account;
import dev.parley.ua.session.Session;
import dev.parley.ua.session.SessionListener;
import java.io.IOException;

/**
 * Starts the agent's {@link Session} for an account, with its media sending decoded and local
 * pictures to {@code video} (the window's grid). {@code parley ua} passes the SIP session.
 */
@FunctionalInterface
public interface SessionStarter {
    Session start(Account account, VideoSink video, SessionListener listener) throws IOException;
}
