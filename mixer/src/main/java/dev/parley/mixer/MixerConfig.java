package dev.parley.mixer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What the mixer daemon needs to start, checked here once.
 *
 * @param control address of the HTTP control API (port 0 picks a free one)
 * @param rtpBind local address every media socket binds to
 * @param rtpPorts ports the media sockets come from
 * @param token the bearer token every control request must carry
 * @param workers number of media worker threads, each owning its conferences' sockets
 */
public record MixerConfig(
        InetSocketAddress control, InetAddress rtpBind, PortRange rtpPorts, String token, int workers) {
    /** Upper bound on workers: more threads than this only adds context switches. */
    public static final int MAX_WORKERS = 256;

    public MixerConfig {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(rtpBind, "rtp-bind");
        Objects.requireNonNull(rtpPorts, "rtp-ports");
        Objects.requireNonNull(token, "token");
        if (control.isUnresolved()) {
            throw new IllegalArgumentException("control: cannot resolve host " + control.getHostString());
        }
        if (token.isBlank() || token.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("token must be non-empty and have no white space");
        }
        if (workers < 1 || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be 1-" + MAX_WORKERS + ", got " + workers);
        }
    }

    @Override
    public String toString() {
        return "MixerConfig[control=" + control + ", rtpBind=" + rtpBind.getHostAddress() + ", rtpPorts=" + rtpPorts
                + ", workers=" + workers + "]";
    }
}
