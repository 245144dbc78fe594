package dev.parley.proxy.focus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * The JSON body of a {@code conference-control} INFO (RFC 6086 Info Package, DESIGN.md):
 * {@code {"action":"close"}}, {@code {"action":"kick","member":"sip:bob@example.com"}},
 * {@code mute}/{@code unmute} with a member, {@code lock}/{@code unlock}.
 */
public final class ControlBody {
    private ControlBody() {}

    /** The Info Package name, for {@code Info-Package} and {@code Recv-Info}. */
    public static final String PACKAGE = "conference-control";

    public static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A body that is not a control command: the reason goes into the 400's reason phrase. */
    public static final class BadControlException extends Exception {
        private static final long serialVersionUID = 1L;

        BadControlException(String message) {
            super(message);
        }
    }

    public static Control parse(String body) throws BadControlException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadControlException("body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new BadControlException("body is not a JSON object");
        }
        String action = text(root, "action").orElseThrow(() -> new BadControlException("no \"action\""));
        return switch (action) {
            case "close" -> new Control.Close();
            case "lock" -> new Control.Lock(true);
            case "unlock" -> new Control.Lock(false);
            case "kick" -> new Control.Kick(member(root, action));
            case "mute" -> new Control.Mute(member(root, action), true);
            case "unmute" -> new Control.Mute(member(root, action), false);
            default -> throw new BadControlException("unknown action \"" + action + "\"");
        };
    }

    private static String member(JsonNode root, String action) throws BadControlException {
        return text(root, "member")
                .orElseThrow(() -> new BadControlException("\"" + action + "\" needs \"member\": a SIP URI"));
    }

    private static Optional<String> text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n != null && n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
    }
}
