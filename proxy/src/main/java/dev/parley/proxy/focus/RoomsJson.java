package dev.parley.proxy.focus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/**
 * The live rooms as JSON, for {@code GET /conferences} and {@code parley conf list}:
 * {@code {"conferences":[{"id":"831620","uri":…,"locked":false,"presenter":…,"members":[{"uri":…,"name":…,
 * "role":"host","muted":false,"joined":…,"media":[{"type":"audio","ssrc":…}]}]}]}}.
 */
public final class RoomsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RoomsJson() {}

    public static String write(List<RoomState> rooms, String domain) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("conferences");
        for (RoomState room : rooms) {
            ObjectNode r = list.addObject();
            r.put("id", room.id().digits());
            r.put("uri", "sip:" + room.id() + "@" + domain);
            r.put("locked", room.locked());
            r.put("version", room.version());
            room.presenter().ifPresent(p -> r.put("presenter", p.userUri()));
            ArrayNode members = r.putArray("members");
            for (Member m : room.members()) {
                ObjectNode o = members.addObject();
                o.put("uri", m.userUri());
                o.put("name", m.displayName());
                o.put("role", m.role().token());
                o.put("muted", m.muted());
                o.put("joined", m.joinedAt().toString());
                ArrayNode media = o.putArray("media");
                for (MemberMedia x : m.media()) {
                    ObjectNode s = media.addObject();
                    s.put("type", x.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                    x.ssrc().ifPresent(ssrc -> s.put("ssrc", ssrc));
                    s.put("label", x.label());
                    s.put("status", x.status().attribute());
                }
            }
        }
        return root.toPrettyString() + "\n";
    }
}
