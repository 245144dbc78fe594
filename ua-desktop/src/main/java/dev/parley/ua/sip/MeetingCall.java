package dev.parley.ua.sip;

import dev.parley.sdp.Origin;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.negotiation.LocalStream;
import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.sdp.negotiation.OfferParams;
import dev.parley.sdp.negotiation.Offers;
import dev.parley.sdp.negotiation.Profiles;
import dev.parley.ua.session.MediaStream;
import dev.parley.ua.session.MediaStreamFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.Dialog;
import org.jspecify.annotations.Nullable;

/**
 * One call to the focus: the URI dialled, whether it creates the meeting, the media streams
 * opened for the offer, the offer itself, and once answered the dialog and the meeting's ID.
 * Owned by the session thread.
 */
final class MeetingCall {
    final String target;
    final boolean creating;
    final Map<MediaKind, MediaStream> streams;
    final SessionDescription offer;

    @Nullable
    Dialog dialog;

    String meetingId = "";
    String meetingUri = "";
    boolean established;
    boolean challenged;

    private MeetingCall(
            String target, boolean creating, Map<MediaKind, MediaStream> streams, SessionDescription offer) {
        this.target = target;
        this.creating = creating;
        this.streams = streams;
        this.offer = offer;
    }

    /**
     * Opens one stream per factory on {@code local} and writes the DESKTOP offer for them; on a
     * failure the streams opened so far are closed.
     */
    static MeetingCall open(String target, boolean creating, List<MediaStreamFactory> factories, InetAddress local)
            throws IOException {
        Map<MediaKind, MediaStream> streams = new EnumMap<>(MediaKind.class);
        Map<MediaKind, LocalStream> locals = new EnumMap<>(MediaKind.class);
        try {
            for (MediaStreamFactory f : factories) {
                MediaStream s = f.open(local);
                streams.put(f.kind(), s);
                locals.put(f.kind(), s.local());
            }
        } catch (IOException | RuntimeException e) {
            streams.values().forEach(MediaStream::close);
            throw e;
        }
        String address = local.getHostAddress();
        Origin origin = Origin.of("parley", ThreadLocalRandom.current().nextLong(1L << 40), 1, address);
        SessionDescription offer = Offers.offer(Profiles.DESKTOP, new OfferParams(origin, "Parley", address, locals));
        return new MeetingCall(target, creating, streams, offer);
    }

    Optional<MediaStream> stream(MediaKind kind) {
        return Optional.ofNullable(streams.get(kind));
    }

    /** Closes every stream (sockets, threads); idempotent. */
    void closeMedia() {
        List<MediaStream> all = new ArrayList<>(streams.values());
        streams.clear();
        all.forEach(MediaStream::close);
    }
}
