package dev.parley.proxy.mixer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.proxy.focus.MemberId;
import dev.parley.proxy.focus.RoomId;
import dev.parley.sdp.negotiation.LocalStream;
import dev.parley.sdp.negotiation.MediaKind;
import dev.parley.sdp.negotiation.NegotiatedFormat;
import dev.parley.sdp.negotiation.Negotiation;
import dev.parley.sdp.negotiation.StreamNegotiation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link MediaAllocator} over a {@code parley mixer} daemon's control API (docs/mixer-api.md):
 * a conference per room, an endpoint per accepted stream of each member, bearer token on
 * every call. A mixer that does not answer within the timeout is unavailable.
 */
public final class MixerHttpAllocator implements MediaAllocator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final URI base;
    private final String authorization;
    private final HttpClient http;
    private final AtomicLong nextEndpoint = new AtomicLong();
    /** Each member's mixer participant name and its endpoint ids by stream index. */
    private final Map<MemberId, Streams> members = new ConcurrentHashMap<>();
    /**
     * Rooms whose mixer conference this allocator made, so a join needs one call, not two. A
     * restarted mixer no longer has them: its 404 to the endpoint's PUT makes the room again.
     */
    private final Set<RoomId> rooms = ConcurrentHashMap.newKeySet();

    private record Streams(String participant, Map<Integer, String> endpoints, boolean manyVideoStreams) {}

    /** @param base the control API root, e.g. {@code http://127.0.0.1:9090} */
    public MixerHttpAllocator(URI base, String token) {
        this.base = base;
        this.authorization = "Bearer " + token;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    @Override
    public Allocation allocate(RoomId room, MemberId member, Negotiation negotiation, boolean manyVideoStreams)
            throws MixerUnavailableException {
        if (!rooms.contains(room)) {
            call("PUT", "/v1/conferences/" + room, Optional.of("{}"));
            rooms.add(room);
        }
        Streams fresh = new Streams("p" + nextEndpoint.incrementAndGet(), Map.of(), manyVideoStreams);
        return sync(room, fresh, negotiation, member);
    }

    @Override
    public Allocation update(RoomId room, MemberId member, Negotiation negotiation) throws MixerUnavailableException {
        Streams current = members.get(member);
        if (current == null) {
            throw new MixerUnavailableException("no media allocated for this member");
        }
        return sync(room, current, negotiation, member);
    }

    /**
     * PUTs an endpoint for every accepted stream (a PUT to an existing id updates it and keeps
     * its port) and DELETEs those no longer accepted. A failed first allocation leaves nothing.
     */
    private Allocation sync(RoomId room, Streams current, Negotiation negotiation, MemberId member)
            throws MixerUnavailableException {
        Map<Integer, LocalStream> streams = new HashMap<>();
        Map<Integer, String> ids = new HashMap<>();
        String address = "";
        try {
            for (StreamNegotiation s : negotiation.accepted()) {
                String id = current.participant() + "-" + s.index();
                JsonNode reply = putEndpoint(room, id, endpoint(current, s));
                ids.put(s.index(), id);
                address = reply.path("address").asText(address);
                streams.put(s.index(), LocalStream.port(reply.path("rtpPort").asInt()));
            }
        } catch (MixerUnavailableException | RuntimeException e) {
            if (current.endpoints().isEmpty()) {
                ids.values().forEach(id -> deleteQuietly(room, id));
            }
            throw e;
        }
        for (Map.Entry<Integer, String> old : current.endpoints().entrySet()) {
            if (!ids.containsKey(old.getKey())) {
                deleteQuietly(room, old.getValue());
            }
        }
        members.put(member, new Streams(current.participant(), ids, current.manyVideoStreams()));
        return new Allocation(address, streams);
    }

    /** The member an endpoint of this mixer belongs to, for the mixer's events. */
    public Optional<MemberId> memberOf(String endpoint) {
        for (Map.Entry<MemberId, Streams> e : members.entrySet()) {
            if (e.getValue().endpoints().containsValue(endpoint)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    /** The control API root and token, for {@link MixerEvents}. */
    public URI base() {
        return base;
    }

    public String token() {
        return authorization.substring("Bearer ".length());
    }

    @Override
    public void setMuted(RoomId room, MemberId member, boolean muted) throws MixerUnavailableException {
        Streams streams = members.get(member);
        for (String id :
                streams == null ? List.<String>of() : streams.endpoints().values()) {
            call("PATCH", "/v1/conferences/" + room + "/endpoints/" + id, Optional.of("{\"muted\":" + muted + "}"));
        }
    }

    @Override
    public void release(RoomId room, MemberId member) throws MixerUnavailableException {
        Streams streams = members.remove(member);
        for (String id :
                streams == null ? List.<String>of() : streams.endpoints().values()) {
            call("DELETE", "/v1/conferences/" + room + "/endpoints/" + id, Optional.empty());
        }
    }

    @Override
    public void endRoom(RoomId room) throws MixerUnavailableException {
        rooms.remove(room);
        call("DELETE", "/v1/conferences/" + room, Optional.empty());
    }

    /**
     * PUTs an endpoint. A 404 means the mixer does not have the room (it restarted since the
     * room's first member joined): the room is made again and the PUT repeated.
     */
    private JsonNode putEndpoint(RoomId room, String id, String body) throws MixerUnavailableException {
        String path = "/v1/conferences/" + room + "/endpoints/" + id;
        HttpResponse<String> response = send("PUT", path, Optional.of(body));
        if (response.statusCode() == 404) {
            call("PUT", "/v1/conferences/" + room, Optional.of("{}"));
            response = send("PUT", path, Optional.of(body));
        }
        return reply("PUT", path, response);
    }

    private static String endpoint(Streams member, StreamNegotiation s) {
        ObjectNode body = JSON.createObjectNode();
        body.put("participant", member.participant());
        MediaKind kind = s.kind().orElseThrow();
        body.put("kind", kind.name().toLowerCase(Locale.ROOT));
        if (kind == MediaKind.VIDEO && !member.manyVideoStreams()) {
            body.put("activeSpeaker", true);
        }
        ArrayNode formats = body.putArray("formats");
        for (NegotiatedFormat f : s.formats()) {
            ObjectNode fmt = formats.addObject();
            fmt.put("payloadType", Integer.parseInt(f.payloadType()));
            fmt.put("encoding", f.rtpMap().encoding());
            fmt.put("clockRate", f.rtpMap().clockRate());
        }
        s.remoteHost()
                .ifPresent(host -> body.put(
                        "remoteRtp", (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + s.remotePort()));
        ArrayNode ssrcs = body.putArray("ssrcs");
        s.remoteSsrcs().forEach(ssrcs::add);
        // the mixer wants the direction from the endpoint's side: the answer's, mirrored
        body.put("direction", s.direction().reverse().attribute());
        body.put("rtcpMux", s.rtcpMux());
        return body.toString();
    }

    private void deleteQuietly(RoomId room, String id) {
        try {
            call("DELETE", "/v1/conferences/" + room + "/endpoints/" + id, Optional.empty());
        } catch (MixerUnavailableException e) {
            // already failing; the mixer frees what it holds when the room is deleted
        }
    }

    private JsonNode call(String method, String path, Optional<String> body) throws MixerUnavailableException {
        return reply(method, path, send(method, path, body));
    }

    private HttpResponse<String> send(String method, String path, Optional<String> body)
            throws MixerUnavailableException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(TIMEOUT)
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body.map(HttpRequest.BodyPublishers::ofString).orElse(HttpRequest.BodyPublishers.noBody()))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new MixerUnavailableException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MixerUnavailableException(method + " " + path + ": interrupted", e);
        }
    }

    private static JsonNode reply(String method, String path, HttpResponse<String> response)
            throws MixerUnavailableException {
        if (response.statusCode() / 100 != 2 && !(method.equals("DELETE") && response.statusCode() == 404)) {
            throw new MixerUnavailableException(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new MixerUnavailableException(method + " " + path + ": reply is not JSON", e);
        }
    }
}
