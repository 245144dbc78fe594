package dev.parley.interop;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free local ports, for UDP and TCP at once. */
final class Ports {
    private Ports() {}

    static int free() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
                    return port;
                } catch (IOException taken) {
                    // Try another one.
                }
            }
        }
        throw new IOException("no port free for both UDP and TCP");
    }

    /**
     * The first of {@code count} consecutive ports free for UDP. sipp's {@code -mp P} binds its
     * audio RTP and RTCP at P and P+1 and its video's at P+2 and P+3, so a lone free P is not
     * enough: P+2 may be the server's SIP port.
     */
    static int freeUdpRun(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = free();
            if (first + count - 1 > 65535) {
                continue;
            }
            List<DatagramSocket> held = new ArrayList<>();
            try {
                for (int port = first; port < first + count; port++) {
                    held.add(new DatagramSocket(port, InetAddress.getLoopbackAddress()));
                }
                return first;
            } catch (IOException taken) {
                // One of the run is in use: try another run.
            } finally {
                held.forEach(DatagramSocket::close);
            }
        }
        throw new IOException("no " + count + " consecutive ports free for UDP");
    }
}
