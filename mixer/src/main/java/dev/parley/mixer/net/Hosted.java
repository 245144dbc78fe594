package dev.parley.mixer.net;

import dev.parley.mixer.engine.Conference;
import dev.parley.mixer.engine.TickSchedule;
import java.util.HashMap;
import java.util.Map;

/** A conference on a worker together with the sockets of its endpoints. Worker thread only. */
final class Hosted {
    final Conference conference;
    /** This conference's own 20 ms deadlines, at its place in the worker's period. */
    final TickSchedule schedule;

    final Map<String, EndpointSockets> sockets = new HashMap<>();

    Hosted(Conference conference, TickSchedule schedule) {
        this.conference = conference;
        this.schedule = schedule;
    }

    /** Closes one endpoint's sockets and returns its RTP port, or -1 when there was none. */
    int closeEndpoint(String id) {
        EndpointSockets s = sockets.remove(id);
        if (s == null) {
            return -1;
        }
        s.close();
        return s.rtpPort();
    }
}
