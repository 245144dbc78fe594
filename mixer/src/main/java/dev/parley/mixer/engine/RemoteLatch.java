package dev.parley.mixer.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Symmetric RTP (RFC 4961) for one port of one endpoint: the first packet from the expected peer
 * latches its real address, which is where the mixer then sends. When the SDP gave an address,
 * only that IP is expected (its port may differ behind NAT); without one, the first source
 * latches. Any other source is refused until the focus updates the endpoint.
 */
final class RemoteLatch {
    private final Optional<InetAddress> expectedIp;
    private Optional<InetSocketAddress> target;
    private boolean latched;

    RemoteLatch(Optional<InetSocketAddress> signalled) {
        this.expectedIp = signalled.map(InetSocketAddress::getAddress);
        this.target = signalled;
    }

    /** True when a packet from {@code source} is accepted; the first accepted one latches. */
    boolean accept(InetSocketAddress source) {
        if (latched) {
            return target.isPresent() && target.get().equals(source);
        }
        if (expectedIp.isPresent() && !expectedIp.get().equals(source.getAddress())) {
            return false;
        }
        target = Optional.of(source);
        latched = true;
        return true;
    }

    /** Where to send: the latched address, else the signalled one. */
    Optional<InetSocketAddress> target() {
        return target;
    }

    boolean latched() {
        return latched;
    }
}
