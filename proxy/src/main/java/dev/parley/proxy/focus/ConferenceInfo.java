package dev.parley.proxy.focus;

import dev.parley.sdp.negotiation.MediaKind;

/**
 * Writes {@code application/conference-info+xml} documents (RFC 4575 §5): a full state for
 * the first NOTIFY of a subscription, partial ones (§4.6) with one version more for each
 * change. Each user carries its display name, roles, endpoint status and one {@code <media>}
 * per stream with {@code <src-id>}, the SSRC, so an agent can name every stream it receives.
 */
public final class ConferenceInfo {
    private ConferenceInfo() {}

    public static final String CONTENT_TYPE = "application/conference-info+xml";

    /** The whole room; {@code entity} is the conference URI. */
    public static String full(RoomState room, String entity) {
        StringBuilder x = open(entity, "full", room.version());
        x.append("  <conference-description>\n    <display-text>Parley meeting ")
                .append(room.id())
                .append("</display-text>\n    <conf-uris>\n      <entry>\n        <uri>")
                .append(escape(entity))
                .append("</uri>\n        <purpose>participation</purpose>\n      </entry>\n    </conf-uris>\n")
                .append("  </conference-description>\n");
        state(x, room.members().size(), room.locked());
        x.append("  <users>\n");
        for (Member m : room.members()) {
            user(x, m, "full");
        }
        return x.append("  </users>\n</conference-info>\n").toString();
    }

    /** The changes of one {@link Effect.Notify} as a partial document of its version. */
    public static String partial(String entity, Effect.Notify notify) {
        StringBuilder x = open(entity, "partial", notify.version());
        state(x, notify.userCount(), notify.locked());
        StringBuilder users = new StringBuilder();
        for (RoomChange c : notify.changes()) {
            if (c instanceof RoomChange.Joined j) {
                user(users, j.member(), "full");
            } else if (c instanceof RoomChange.Updated u) {
                user(users, u.member(), "partial");
            } else if (c instanceof RoomChange.Left l) {
                users.append("    <user entity=\"")
                        .append(escape(l.member().userUri()))
                        .append("\" state=\"deleted\"/>\n");
            }
        }
        if (users.length() > 0) {
            x.append("  <users>\n").append(users).append("  </users>\n");
        }
        return x.append("</conference-info>\n").toString();
    }

    private static StringBuilder open(String entity, String state, int version) {
        return new StringBuilder(1024)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<conference-info xmlns=\"urn:ietf:params:xml:ns:conference-info\" entity=\"")
                .append(escape(entity))
                .append("\" state=\"")
                .append(state)
                .append("\" version=\"")
                .append(version)
                .append("\">\n");
    }

    private static void state(StringBuilder x, int userCount, boolean locked) {
        x.append("  <conference-state>\n    <user-count>")
                .append(userCount)
                .append("</user-count>\n    <active>true</active>\n    <locked>")
                .append(locked)
                .append("</locked>\n  </conference-state>\n");
    }

    private static void user(StringBuilder x, Member m, String state) {
        x.append("    <user entity=\"")
                .append(escape(m.userUri()))
                .append("\" state=\"")
                .append(state)
                .append("\">\n      <display-text>")
                .append(escape(m.displayName()))
                .append("</display-text>\n      <roles>\n        <entry>")
                .append(m.role().token())
                .append("</entry>\n      </roles>\n      <endpoint entity=\"")
                .append(escape(m.endpointUri()))
                .append(
                        "\">\n        <status>connected</status>\n        <joining-method>dialed-in</joining-method>\n");
        int n = 0;
        for (MemberMedia media : m.media()) {
            n++;
            x.append("        <media id=\"").append(n).append("\">\n          <type>");
            x.append(
                    media.kind() == MediaKind.AUDIO
                            ? "audio"
                            : media.kind() == MediaKind.REMOTE_CONTROL ? "application" : "video");
            x.append("</type>\n");
            if (!media.label().isEmpty()) {
                x.append("          <label>").append(escape(media.label())).append("</label>\n");
            }
            media.ssrc().ifPresent(s -> x.append("          <src-id>").append(s).append("</src-id>\n"));
            String status = media.kind() == MediaKind.AUDIO && m.muted()
                    ? "recvonly"
                    : media.status().attribute();
            x.append("          <status>").append(status).append("</status>\n        </media>\n");
        }
        x.append("      </endpoint>\n    </user>\n");
    }

    /** XML character escaping for attribute values and text (XML 1.0 §2.4). */
    static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                default -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? "" : null;
            };
            if (rep != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (rep != null) {
                    out.append(rep);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }
}
