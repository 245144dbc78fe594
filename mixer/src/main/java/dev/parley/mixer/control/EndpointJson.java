package dev.parley.mixer.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.mixer.engine.Direction;
import dev.parley.mixer.engine.EndpointSpec;
import dev.parley.mixer.engine.MediaKind;
import dev.parley.mixer.engine.PayloadFormat;
import dev.parley.mixer.net.EndpointPorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The endpoint body of the control API (docs/mixer-api.md) to and from {@link EndpointSpec}.
 * Every refusal names its field. For an update, fields that are absent keep their value.
 */
final class EndpointJson {
    private static final Set<String> FIELDS = Set.of(
            "participant",
            "kind",
            "formats",
            "remoteRtp",
            "remoteRtcp",
            "ssrcs",
            "muted",
            "direction",
            "rtcpMux",
            "activeSpeaker");
    /** An IP literal: digits, hex, dots and colons only, so no name lookup ever happens. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f.:]+");

    private EndpointJson() {}

    /** A new endpoint: formats is required, the rest has defaults. */
    static EndpointSpec create(String id, JsonNode body) throws BadRequestException {
        return parse(id, body, Optional.empty());
    }

    /** An update of {@code current}: only the fields present change. */
    static EndpointSpec update(EndpointSpec current, JsonNode body) throws BadRequestException {
        return parse(current.id(), body, Optional.of(current));
    }

    private static EndpointSpec parse(String id, JsonNode body, Optional<EndpointSpec> base)
            throws BadRequestException {
        if (!body.isObject()) {
            throw new BadRequestException("", "the body must be a JSON object");
        }
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw new BadRequestException(name, "unknown field '" + name + "'");
            }
        }
        String participant = body.has("participant")
                ? text(body, "participant")
                : base.map(EndpointSpec::participant).orElse(id);
        MediaKind kind = body.has("kind")
                ? enumValue(MediaKind.class, body, "kind")
                : base.map(EndpointSpec::kind).orElse(MediaKind.AUDIO);
        List<PayloadFormat> formats;
        if (body.has("formats")) {
            formats = formats(body.get("formats"));
        } else if (base.isPresent()) {
            formats = base.get().formats();
        } else {
            throw new BadRequestException("formats", "formats is required");
        }
        Optional<InetSocketAddress> remoteRtp =
                body.has("remoteRtp") ? address(body, "remoteRtp") : base.flatMap(EndpointSpec::remoteRtp);
        Optional<InetSocketAddress> remoteRtcp =
                body.has("remoteRtcp") ? address(body, "remoteRtcp") : base.flatMap(EndpointSpec::remoteRtcp);
        List<Long> ssrcs = body.has("ssrcs")
                ? ssrcs(body.get("ssrcs"))
                : base.map(EndpointSpec::ssrcs).orElse(List.of());
        boolean muted = body.has("muted")
                ? bool(body, "muted")
                : base.map(EndpointSpec::muted).orElse(false);
        Direction direction = body.has("direction")
                ? enumValue(Direction.class, body, "direction")
                : base.map(EndpointSpec::direction).orElse(Direction.SENDRECV);
        boolean rtcpMux = body.has("rtcpMux")
                ? bool(body, "rtcpMux")
                : base.map(EndpointSpec::rtcpMux).orElse(true);
        boolean activeSpeaker = body.has("activeSpeaker")
                ? bool(body, "activeSpeaker")
                : base.map(EndpointSpec::activeSpeaker).orElse(false);
        try {
            return new EndpointSpec(
                    id,
                    participant,
                    kind,
                    formats,
                    remoteRtp,
                    remoteRtcp,
                    ssrcs,
                    muted,
                    direction,
                    rtcpMux,
                    activeSpeaker);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "invalid endpoint" : e.getMessage();
            int colon = message.indexOf(' ');
            throw new BadRequestException(
                    colon > 0 ? message.substring(0, colon).replace(":", "") : "", message);
        }
    }

    private static List<PayloadFormat> formats(JsonNode node) throws BadRequestException {
        if (!node.isArray() || node.isEmpty()) {
            throw new BadRequestException("formats", "formats must be a non-empty array");
        }
        List<PayloadFormat> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode f = node.get(i);
            String at = "formats[" + i + "]";
            if (!f.isObject()) {
                throw new BadRequestException(at, at + " must be an object");
            }
            int payloadType = integer(f, "payloadType", at + ".payloadType");
            String encoding = text(f, "encoding", at + ".encoding");
            int clockRate = integer(f, "clockRate", at + ".clockRate");
            try {
                out.add(new PayloadFormat(payloadType, encoding, clockRate));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(at, at + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static List<Long> ssrcs(JsonNode node) throws BadRequestException {
        if (!node.isArray()) {
            throw new BadRequestException("ssrcs", "ssrcs must be an array of integers");
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = node.get(i);
            if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > 0xFFFF_FFFFL) {
                throw new BadRequestException("ssrcs[" + i + "]", "ssrcs[" + i + "] must be an integer 0-4294967295");
            }
            out.add(v.asLong());
        }
        return out;
    }

    private static Optional<InetSocketAddress> address(JsonNode body, String field) throws BadRequestException {
        JsonNode node = body.get(field);
        if (node.isNull()) {
            return Optional.empty();
        }
        String value = node.isTextual() ? node.asText() : "";
        int colon = value.lastIndexOf(':');
        String host = colon > 0 ? value.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String problem = field + " must be \"IP:PORT\" (IPv6 as \"[IP]:PORT\"), got " + node;
        if (host.isEmpty() || !IP_LITERAL.matcher(host).matches()) {
            throw new BadRequestException(field, problem);
        }
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new BadRequestException(field, field + " port must be 1-65535, got " + port);
            }
            return Optional.of(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (NumberFormatException | UnknownHostException e) {
            throw new BadRequestException(field, problem);
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode body, String field)
            throws BadRequestException {
        String value = text(body, field);
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E constant : type.getEnumConstants()) {
                allowed.add(constant.name().toLowerCase(Locale.ROOT));
            }
            throw new BadRequestException(field, field + " must be one of " + allowed + ", got '" + value + "'");
        }
    }

    static String text(JsonNode body, String field) throws BadRequestException {
        return text(body, field, field);
    }

    private static String text(JsonNode body, String name, String field) throws BadRequestException {
        JsonNode node = body.get(name);
        if (node == null || !node.isTextual()) {
            throw new BadRequestException(field, field + " must be a string");
        }
        return node.asText();
    }

    private static int integer(JsonNode body, String name, String field) throws BadRequestException {
        JsonNode node = body.get(name);
        if (node == null || !node.isInt()) {
            throw new BadRequestException(field, field + " must be an integer");
        }
        return node.asInt();
    }

    private static boolean bool(JsonNode body, String field) throws BadRequestException {
        JsonNode node = body.get(field);
        if (!node.isBoolean()) {
            throw new BadRequestException(field, field + " must be true or false");
        }
        return node.asBoolean();
    }

    /** The answer to a create or update: where the endpoint should send. */
    static ObjectNode ports(String id, EndpointPorts ports) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", id);
        out.put("address", ports.address());
        out.put("rtpPort", ports.rtpPort());
        out.put("rtcpPort", ports.rtcpPort());
        return out;
    }
}
