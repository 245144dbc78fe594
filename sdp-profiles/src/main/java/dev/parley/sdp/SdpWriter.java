package dev.parley.sdp;

import java.util.List;

/**
 * Writes a {@link SessionDescription} as RFC 8866 text: lines in the order of §5, each
 * ending in CRLF. A body that {@link SdpParser} read from well-formed CRLF text comes back
 * byte for byte.
 */
public final class SdpWriter {
    private SdpWriter() {}

    public static String write(SessionDescription sdp) {
        StringBuilder out = new StringBuilder(256 + 256 * sdp.media().size());
        line(out, 'v', sdp.version());
        Origin o = sdp.origin();
        line(
                out,
                'o',
                o.username()
                        + ' '
                        + o.sessionId()
                        + ' '
                        + o.sessionVersion()
                        + ' '
                        + o.netType()
                        + ' '
                        + o.addrType()
                        + ' '
                        + o.address());
        line(out, 's', sdp.sessionName());
        sdp.information().ifPresent(i -> line(out, 'i', i));
        sdp.uri().ifPresent(u -> line(out, 'u', u));
        sdp.emails().forEach(e -> line(out, 'e', e));
        sdp.phones().forEach(p -> line(out, 'p', p));
        sdp.connection().ifPresent(c -> connection(out, c));
        bandwidths(out, sdp.bandwidths());
        for (Timing t : sdp.timings()) {
            line(out, 't', t.start() + ' ' + t.stop());
            t.repeats().forEach(r -> line(out, 'r', r));
        }
        sdp.zoneAdjustments().ifPresent(z -> line(out, 'z', z));
        sdp.key().ifPresent(k -> line(out, 'k', k));
        attributes(out, sdp.attributes());
        for (MediaDescription m : sdp.media()) {
            out.append("m=").append(m.media()).append(' ').append(m.port());
            m.portCount().ifPresent(n -> out.append('/').append(n));
            out.append(' ').append(m.protocol());
            for (String f : m.formats()) {
                out.append(' ').append(f);
            }
            out.append("\r\n");
            m.information().ifPresent(i -> line(out, 'i', i));
            m.connections().forEach(c -> connection(out, c));
            bandwidths(out, m.bandwidths());
            m.key().ifPresent(k -> line(out, 'k', k));
            attributes(out, m.attributes());
        }
        return out.toString();
    }

    private static void line(StringBuilder out, char type, String value) {
        out.append(type).append('=').append(value).append("\r\n");
    }

    private static void connection(StringBuilder out, Connection c) {
        line(out, 'c', c.netType() + ' ' + c.addrType() + ' ' + c.address());
    }

    private static void bandwidths(StringBuilder out, List<Bandwidth> bandwidths) {
        for (Bandwidth b : bandwidths) {
            out.append("b=").append(b.type()).append(':').append(b.value()).append("\r\n");
        }
    }

    private static void attributes(StringBuilder out, List<Attribute> attributes) {
        for (Attribute a : attributes) {
            out.append("a=").append(a.name());
            a.value().ifPresent(v -> out.append(':').append(v));
            out.append("\r\n");
        }
    }
}
