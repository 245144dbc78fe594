package dev.parley.mixer.net;

import dev.parley.mixer.engine.Conference;
import dev.parley.mixer.engine.EndpointState;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.util.HashMap;
import java.util.Map;

/** A conference on a worker together with the sockets of its endpoints. Worker thread only. */
final class Hosted {
    /** Attachment of a channel's selection key: whose datagrams arrive there. */
    record Receiver(Hosted hosted, EndpointState endpoint, boolean rtcpPort) {}

    final Conference conference;
    final Map<String, EndpointSockets> sockets = new HashMap<>();
    final Map<String, SelectionKey[]> keys = new HashMap<>();

    Hosted(Conference conference) {
        this.conference = conference;
    }

    /** Closes one endpoint's sockets and returns its RTP port, or -1 when there was none. */
    int closeEndpoint(String id) throws IOException {
        SelectionKey[] endpointKeys = keys.remove(id);
        if (endpointKeys != null) {
            for (SelectionKey key : endpointKeys) {
                key.cancel();
            }
        }
        EndpointSockets s = sockets.remove(id);
        if (s == null) {
            return -1;
        }
        s.close();
        return s.rtpPort();
    }
}
