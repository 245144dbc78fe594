package dev.parley.proxy.sip;

import dev.parley.proxy.stun.StunKeepAlive;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * The UDP SIP socket: a datagram that is a STUN Binding request (SIP Outbound's UDP keep-alive,
 * RFC 5626 §4.4.2) is answered from this socket at once and never reaches jain-sip; every other
 * datagram is received as usual. jain-sip's UDP listener reads with {@link #receive} from one
 * thread.
 */
final class StunAnsweringSocket extends DatagramSocket {
    private final Runnable answered;

    StunAnsweringSocket(SocketAddress bind, Runnable answered) throws IOException {
        super((SocketAddress) null);
        this.answered = answered;
        setReuseAddress(true);
        bind(bind);
    }

    @Override
    public void receive(DatagramPacket packet) throws IOException {
        int room = packet.getData().length - packet.getOffset();
        while (true) {
            packet.setLength(room);
            super.receive(packet);
            if (!StunKeepAlive.isStun(packet.getData(), packet.getOffset(), packet.getLength())) {
                return;
            }
            byte[] data =
                    Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
            Optional<byte[]> answer =
                    StunKeepAlive.answer(data, packet.getAddress().getAddress(), packet.getPort());
            if (answer.isPresent()) {
                send(new DatagramPacket(
                        answer.get(),
                        answer.get().length,
                        new InetSocketAddress(packet.getAddress(), packet.getPort())));
                answered.run();
            }
        }
    }
}
