package dev.parley.mixer.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.mixer.engine.EndpointSpec;
import dev.parley.mixer.net.EndpointPorts;
import dev.parley.mixer.net.EndpointStatus;
import dev.parley.mixer.net.MixerEngine;
import dev.parley.mixer.net.UnknownIdException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resources under {@code /v1/conferences} (docs/mixer-api.md): create (PUT, idempotent so
 * the focus can re-create after a restart), read and delete conferences; put, patch and delete
 * endpoints. Turns bad input into 400 naming the field and unknown ids into 404.
 */
final class ConferenceRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ConferenceRoutes.class);
    static final String PREFIX = "/v1/conferences/";

    private final MixerEngine engine;

    ConferenceRoutes(MixerEngine engine) {
        this.engine = engine;
    }

    HttpReply handle(String method, String path, byte[] body) throws IOException {
        String[] parts = path.substring(PREFIX.length()).split("/", -1);
        try {
            if (parts.length == 1) {
                return conference(method, id(parts[0], "conference id"));
            }
            if (parts.length == 3 && parts[1].equals("endpoints")) {
                return endpoint(method, id(parts[0], "conference id"), id(parts[2], "endpoint id"), body);
            }
            return HttpReply.error(404, "no such resource: " + path, Optional.empty());
        } catch (BadRequestException e) {
            return HttpReply.error(400, e.getMessage(), Optional.of(e.field()));
        } catch (UnknownIdException e) {
            return HttpReply.error(404, e.getMessage(), Optional.empty());
        }
    }

    private HttpReply conference(String method, String id) throws IOException, UnknownIdException {
        switch (method) {
            case "PUT":
                boolean created = engine.createConference(id);
                if (created) {
                    LOG.info("conference {} created", id);
                }
                ObjectNode out = HttpReply.object();
                out.put("id", id);
                return HttpReply.json(created ? 201 : 200, out);
            case "GET":
                return HttpReply.json(200, describe(id, engine.describe(id)));
            case "DELETE":
                engine.deleteConference(id);
                LOG.info("conference {} deleted", id);
                return HttpReply.noContent();
            default:
                return notAllowed(method);
        }
    }

    private HttpReply endpoint(String method, String conference, String endpoint, byte[] body)
            throws IOException, UnknownIdException, BadRequestException {
        switch (method) {
            case "PUT": {
                EndpointSpec spec = EndpointJson.create(endpoint, parse(body));
                EndpointPorts ports = engine.putEndpoint(conference, spec);
                LOG.info(
                        "endpoint {}/{} {}: {} on port {}",
                        conference,
                        endpoint,
                        ports.created() ? "added" : "replaced",
                        spec.kind(),
                        ports.rtpPort());
                return HttpReply.json(ports.created() ? 201 : 200, EndpointJson.ports(endpoint, ports));
            }
            case "PATCH": {
                JsonNode patch = parse(body);
                EndpointSpec next = EndpointJson.update(engine.endpointSpec(conference, endpoint), patch);
                EndpointPorts ports = engine.putEndpoint(conference, next);
                LOG.info("endpoint {}/{} updated", conference, endpoint);
                return HttpReply.json(200, EndpointJson.ports(endpoint, ports));
            }
            case "DELETE":
                engine.removeEndpoint(conference, endpoint);
                LOG.info("endpoint {}/{} removed", conference, endpoint);
                return HttpReply.noContent();
            default:
                return notAllowed(method);
        }
    }

    private static ObjectNode describe(String id, Map<String, EndpointStatus> endpoints) {
        ObjectNode out = HttpReply.object();
        out.put("id", id);
        ArrayNode list = out.putArray("endpoints");
        endpoints.forEach((endpointId, status) ->
                list.add(EndpointJson.ports(endpointId, status.ports()).put("audioLevel", status.audioLevel())));
        return out;
    }

    private static String id(String value, String field) throws BadRequestException {
        if (!EndpointSpec.ID.matcher(value).matches()) {
            throw new BadRequestException(
                    field, field + " must match " + EndpointSpec.ID.pattern() + ", got '" + value + "'");
        }
        return value;
    }

    private static JsonNode parse(byte[] body) throws BadRequestException {
        if (body.length == 0) {
            throw new BadRequestException("", "the body must be a JSON object");
        }
        try {
            return HttpReply.mapper().readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new BadRequestException("", "the body is not JSON: " + e.getOriginalMessage());
        }
    }

    private static HttpReply notAllowed(String method) {
        return HttpReply.error(405, "method " + method + " not allowed here", Optional.empty());
    }
}
