package dev.parley.interop;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * Sends key presses as RFC 4733 telephone-event RTP, the way a phone does: for each key three
 * packets while it is held (the first with the marker bit) and the end packet three times.
 */
final class Rfc4733Sender {
    private final DatagramSocket socket;
    private final InetSocketAddress to;
    private final int payloadType;
    private final long ssrc;
    private int seq = 1000;
    private long timestamp = 80_000;

    Rfc4733Sender(DatagramSocket socket, InetSocketAddress to, int payloadType, long ssrc) {
        this.socket = socket;
        this.to = to;
        this.payloadType = payloadType;
        this.ssrc = ssrc;
    }

    void press(String keys) throws IOException, InterruptedException {
        for (char key : keys.toCharArray()) {
            int event = key == '*' ? 10 : key == '#' ? 11 : key - '0';
            for (int i = 1; i <= 3; i++) {
                send(event, false, i == 1, 160 * i);
                Thread.sleep(20);
            }
            for (int i = 0; i < 3; i++) {
                send(event, true, false, 640);
                Thread.sleep(20);
            }
            timestamp += 1600;
            Thread.sleep(150);
        }
    }

    private void send(int event, boolean end, boolean marker, int duration) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.put((byte) 0x80); // V=2, no padding, no extension, no CSRC (RFC 3550 §5.1)
        b.put((byte) ((marker ? 0x80 : 0) | payloadType)); // M, PT
        b.putShort((short) seq++); // sequence number
        b.putInt((int) timestamp); // the event's start time, the same in all its packets
        b.putInt((int) ssrc); // SSRC
        b.put((byte) event); // RFC 4733 §2.3: event code
        b.put((byte) ((end ? 0x80 : 0) | 10)); // E bit, R=0, volume -10 dBm0
        b.putShort((short) duration); // duration in timestamp units
        socket.send(new DatagramPacket(b.array(), b.position(), to));
    }
}
