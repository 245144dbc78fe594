package dev.parley.mixer.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One response of the control API: a status, a content type and a body.
 *
 * @param body the bytes; empty for 204
 */
record HttpReply(int status, String contentType, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static HttpReply json(int status, JsonNode node) {
        try {
            return new HttpReply(status, "application/json", JSON.writeValueAsBytes(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    static HttpReply text(int status, String contentType, String body) {
        return new HttpReply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static HttpReply noContent() {
        return new HttpReply(204, "application/json", new byte[0]);
    }

    /** {@code {"error": message, "field": field}}, the field only when there is one. */
    static HttpReply error(int status, String message, Optional<String> field) {
        ObjectNode node = JSON.createObjectNode();
        node.put("error", message);
        field.ifPresent(f -> node.put("field", f));
        return json(status, node);
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
