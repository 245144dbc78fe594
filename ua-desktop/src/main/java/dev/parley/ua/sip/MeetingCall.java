package dev.parley.ua.sip;

import dev.parley.sdp.Attribute;
import dev.parley.sdp.Direction;
import dev.parley.sdp.MediaDescription;
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
    /** The last offer the focus accepted (the first INVITE's, then each re-INVITE's). */
    SessionDescription offer;

    final InetAddress local;

    /** True while this agent presents (its slides stream sends). */
    boolean sharing;

    @Nullable
    Dialog dialog;

    String meetingId = "";
    String meetingUri = "";
    boolean established;
    boolean challenged;

    private MeetingCall(
            String target,
            boolean creating,
            Map<MediaKind, MediaStream> streams,
            SessionDescription offer,
            InetAddress local) {
        this.target = target;
        this.creating = creating;
        this.streams = streams;
        this.offer = offer;
        this.local = local;
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
        SessionDescription offer = receiveOnlySlides(
                Offers.offer(Profiles.DESKTOP, new OfferParams(origin, "Parley", address, locals)), false);
        return new MeetingCall(target, creating, streams, offer, local);
    }

    /**
     * The next offer (RFC 3264 §8): the streams in the call with a fresh slides stream
     * ({@code slides}) that sends when {@code sharing} (RFC 4796 {@code a=content:slides}) and
     * only receives otherwise; the origin's version one up.
     */
    SessionDescription offerSlides(LocalStream slides, boolean sharing) {
        Map<MediaKind, LocalStream> locals = new EnumMap<>(MediaKind.class);
        streams.forEach((k, s) -> locals.put(k, s.local()));
        locals.put(MediaKind.SLIDES, slides);
        String address = local.getHostAddress();
        SessionDescription next = Offers.offer(
                Profiles.DESKTOP, new OfferParams(offer.origin().nextVersion(), "Parley", address, locals));
        return receiveOnlySlides(next, sharing);
    }

    /**
     * The offer with its slides section made {@code a=recvonly} unless {@code sharing}: every
     * member receives shared screens, only the presenter sends one, so the member list shows who
     * presents.
     */
    private static SessionDescription receiveOnlySlides(SessionDescription offer, boolean sharing) {
        if (sharing) {
            return offer;
        }
        List<MediaDescription> media = new ArrayList<>();
        for (MediaDescription m : offer.media()) {
            if (!MediaKind.of(m).equals(Optional.of(MediaKind.SLIDES))) {
                media.add(m);
                continue;
            }
            List<Attribute> attributes = new ArrayList<>();
            for (Attribute a : m.attributes()) {
                boolean direction =
                        a.value().isEmpty() && Direction.fromAttribute(a.name()).isPresent();
                attributes.add(direction ? Attribute.flag(Direction.RECVONLY.attribute()) : a);
            }
            media.add(m.withAttributes(attributes));
        }
        return new SessionDescription(
                offer.version(),
                offer.origin(),
                offer.sessionName(),
                offer.information(),
                offer.uri(),
                offer.emails(),
                offer.phones(),
                offer.connection(),
                offer.bandwidths(),
                offer.timings(),
                offer.zoneAdjustments(),
                offer.key(),
                offer.attributes(),
                media);
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
