package dev.parley.mixer.engine;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Symmetric RTP (RFC 4961) for one port of one endpoint: the first packet from the expected peer
 * latches its real address, which is where the mixer then sends. When the SDP gave an address,
 * only that IP is expected (its port may differ behind NAT); without one, the first source
 * latches. Any other source is refused until the focus updates the endpoint.
 *
 * <p>After an update that moves the endpoint ({@code retired}: where the old latch pointed), a
 * packet still on its way from the old address does not latch: an agent that re-INVITEs with a
 * fresh port keeps sending from the old one until it hears the 200, and latching that late packet
 * sent everything after it to a port about to close.
 */
final class RemoteLatch {
    private final Optional<InetAddress> expectedIp;
    private final Optional<InetSocketAddress> retired;
    private Optional<InetSocketAddress> target;
    private boolean latched;

    RemoteLatch(Optional<InetSocketAddress> signalled) {
        this(signalled, Optional.empty());
    }

    /** A latch for the {@code signalled} address that never latches {@code retired}. */
    RemoteLatch(Optional<InetSocketAddress> signalled, Optional<InetSocketAddress> retired) {
        this.expectedIp = signalled.map(InetSocketAddress::getAddress);
        this.target = signalled;
        this.retired = retired.filter(r -> !signalled.equals(Optional.of(r)));
    }

    /** True when a packet from {@code source} is accepted; the first accepted one latches. */
    boolean accept(InetSocketAddress source) {
        if (latched) {
            return target.isPresent() && target.get().equals(source);
        }
        if (retired.isPresent() && retired.get().equals(source)) {
            return false;
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

    /** The latched address, for the latch that replaces this one after an update. */
    Optional<InetSocketAddress> latchedTarget() {
        return latched ? target : Optional.empty();
    }
}
