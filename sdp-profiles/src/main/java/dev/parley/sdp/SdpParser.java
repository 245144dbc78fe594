package dev.parley.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads an SDP body (RFC 8866 §5, §9) into a {@link SessionDescription}. Lines may end in
 * CRLF or LF. Session-level lines after {@code v= o= s=} and media-level lines may come in
 * any order, as some phones write them; the writer puts them back in RFC order. The values
 * of {@code rtpmap}, {@code fmtp}, {@code ptime}, {@code crypto}, {@code ssrc}, {@code setup}
 * and {@code rtcp} attributes are checked here so that a bad one is reported with its line.
 * Everything wrong is an {@link SdpParseException}; no other exception leaves this class.
 */
public final class SdpParser {
    private SdpParser() {}

    public static SessionDescription parse(byte[] body) throws SdpParseException {
        return parse(new String(body, StandardCharsets.UTF_8));
    }

    public static SessionDescription parse(String text) throws SdpParseException {
        return new SdpParser.Run(text).session();
    }

    /** One pass over one body: the cursor and the fields gathered so far. */
    private static final class Run {
        private final String text;
        private int pos;
        private int lineNo;

        Run(String text) {
            this.text = text;
        }

        /** The next line without its CR/LF, or empty at the end of the body. */
        private Optional<String> nextLine() throws SdpParseException {
            while (pos < text.length()) {
                int nl = text.indexOf('\n', pos);
                int end = nl < 0 ? text.length() : nl;
                String line = text.substring(pos, end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end);
                pos = nl < 0 ? text.length() : nl + 1;
                lineNo++;
                if (!line.isEmpty()) {
                    return Optional.of(line);
                }
                if (!text.substring(pos).isBlank()) {
                    throw fail("empty line");
                }
            }
            return Optional.empty();
        }

        private SdpParseException fail(String reason) {
            return new SdpParseException(lineNo, reason);
        }

        private String expect(char type) throws SdpParseException {
            Optional<String> line = nextLine();
            if (line.isEmpty()) {
                throw fail("body ends before the " + type + "= line");
            }
            char got = typeOf(line.get());
            if (got != type) {
                throw fail("expected " + type + "= line, got " + got + "=");
            }
            return line.get().substring(2);
        }

        private char typeOf(String line) throws SdpParseException {
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw fail("expected <type>=<value>, got \"" + Lines.excerpt(line) + "\"");
            }
            char type = line.charAt(0);
            if (type < 'a' || type > 'z') {
                throw fail("'" + type + "' is not a line type");
            }
            return type;
        }

        SessionDescription session() throws SdpParseException {
            String version = expect('v');
            if (!version.equals("0")) {
                throw fail("unsupported version v=" + Lines.excerpt(version) + " (only v=0 exists)");
            }
            Origin origin = Lines.origin(expect('o'), this::fail);
            String name = expect('s');
            Optional<String> info = Optional.empty();
            Optional<String> uri = Optional.empty();
            Optional<Connection> connection = Optional.empty();
            Optional<String> zone = Optional.empty();
            Optional<String> key = Optional.empty();
            List<String> emails = new ArrayList<>(0);
            List<String> phones = new ArrayList<>(0);
            List<Bandwidth> bandwidths = new ArrayList<>(0);
            List<Timing> timings = new ArrayList<>(1);
            List<String> repeats = new ArrayList<>(0);
            List<Attribute> attributes = new ArrayList<>(4);
            List<MediaDescription> media = new ArrayList<>(2);
            Optional<String> line = nextLine();
            while (line.isPresent() && typeOf(line.get()) != 'm') {
                String value = line.get().substring(2);
                switch (typeOf(line.get())) {
                    case 'i' -> info = once(info, value, 'i');
                    case 'u' -> uri = once(uri, value, 'u');
                    case 'e' -> emails.add(value);
                    case 'p' -> phones.add(value);
                    case 'c' -> connection = once(connection, Lines.connection(value, this::fail), 'c');
                    case 'b' -> bandwidths.add(Lines.bandwidth(value, this::fail));
                    case 't' -> {
                        closeTiming(timings, repeats);
                        timings.add(Lines.timing(value, this::fail));
                    }
                    case 'r' -> {
                        if (timings.isEmpty()) {
                            throw fail("r= line before any t= line");
                        }
                        repeats.add(value);
                    }
                    case 'z' -> zone = once(zone, value, 'z');
                    case 'k' -> key = once(key, value, 'k');
                    case 'a' -> attributes.add(Lines.attribute(value, this::fail));
                    default -> throw fail(line.get().charAt(0) + "= is not allowed here");
                }
                line = nextLine();
            }
            closeTiming(timings, repeats);
            while (line.isPresent()) {
                line = media(line.get().substring(2), media);
            }
            return new SessionDescription(
                    version,
                    origin,
                    name,
                    info,
                    uri,
                    emails,
                    phones,
                    connection,
                    bandwidths,
                    timings,
                    zone,
                    key,
                    attributes,
                    media);
        }

        private static void closeTiming(List<Timing> timings, List<String> repeats) {
            if (!repeats.isEmpty()) {
                Timing last = timings.remove(timings.size() - 1);
                timings.add(new Timing(last.start(), last.stop(), repeats));
                repeats.clear();
            }
        }

        private <T> Optional<T> once(Optional<T> previous, T value, char type) throws SdpParseException {
            if (previous.isPresent()) {
                throw fail("second " + type + "= line in one section");
            }
            return Optional.of(value);
        }

        /** Reads one media section whose m= value is given; returns the line after it. */
        private Optional<String> media(String mLine, List<MediaDescription> out) throws SdpParseException {
            String[] f = Lines.fields(mLine);
            if (f.length < 3) {
                throw fail("m= needs <media> <port> <proto> <fmt>..., got \"" + Lines.excerpt(mLine) + "\"");
            }
            int slash = f[1].indexOf('/');
            int port = Lines.number(slash < 0 ? f[1] : f[1].substring(0, slash), 65535, "port", this::fail);
            OptionalInt count = slash < 0
                    ? OptionalInt.empty()
                    : OptionalInt.of(Lines.number(f[1].substring(slash + 1), 65535, "port count", this::fail));
            List<String> formats = List.of(f).subList(3, f.length);
            Optional<String> info = Optional.empty();
            Optional<String> key = Optional.empty();
            List<Connection> connections = new ArrayList<>(0);
            List<Bandwidth> bandwidths = new ArrayList<>(0);
            List<Attribute> attributes = new ArrayList<>(8);
            Optional<String> line = nextLine();
            while (line.isPresent() && typeOf(line.get()) != 'm') {
                String value = line.get().substring(2);
                switch (typeOf(line.get())) {
                    case 'i' -> info = once(info, value, 'i');
                    case 'c' -> connections.add(Lines.connection(value, this::fail));
                    case 'b' -> bandwidths.add(Lines.bandwidth(value, this::fail));
                    case 'k' -> key = once(key, value, 'k');
                    case 'a' -> attributes.add(Lines.attribute(value, this::fail));
                    default -> throw fail(line.get().charAt(0) + "= is not allowed in a media section");
                }
                line = nextLine();
            }
            out.add(new MediaDescription(
                    f[0], port, count, f[2], formats, info, connections, bandwidths, key, attributes));
            return line;
        }
    }
}
