package dev.parley.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SIP over a stream connection (TCP or TLS) written and read by hand, as a phone does: for tests
 * that must own the connection (its port, when it closes, the bytes on it).
 */
final class SipStream {
    private SipStream() {}

    static void send(Socket socket, String message) throws IOException {
        socket.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /**
     * One SIP message from the stream: the head up to the blank line, then Content-Length bytes;
     * CRLF keep-alives before it are skipped.
     */
    static String read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            String text = head.toString(StandardCharsets.UTF_8);
            if (text.equals("\r\n") || text.equals("\r\n\r\n")) {
                head.reset();
                continue;
            }
            if (text.endsWith("\r\n\r\n")) {
                Matcher length =
                        Pattern.compile("(?mi)^(Content-Length|l):\\s*(\\d+)").matcher(text);
                int body = length.find() ? Integer.parseInt(length.group(2)) : 0;
                byte[] rest = in.readNBytes(body);
                return text + new String(rest, StandardCharsets.UTF_8);
            }
        }
        throw new IOException("connection closed");
    }

    /** A final response to a request read off the stream: its Via, From, To (tagged), Call-ID and CSeq. */
    static String answer(String request, int status, String reason, String toTag) {
        return answer(request, status, reason, toTag, "");
    }

    /**
     * Like the other, also copying Record-Route (RFC 3261 §12.1.1), with {@code extra} header
     * lines (each ending in CRLF); a To that has a tag keeps it.
     */
    static String answer(String request, int status, String reason, String toTag, String extra) {
        return answer(request, status, reason, toTag, extra, "");
    }

    /** Like the other, with an SDP body ({@code sdp}, none when empty). */
    static String answer(String request, int status, String reason, String toTag, String extra, String sdp) {
        StringBuilder r = new StringBuilder("SIP/2.0 " + status + " " + reason + "\r\n");
        for (String line : request.split("\r\n")) {
            String name =
                    line.contains(":") ? line.substring(0, line.indexOf(':')).trim() : "";
            switch (name) {
                case "Via", "From", "Call-ID", "CSeq", "Record-Route" ->
                    r.append(line).append("\r\n");
                case "To" ->
                    r.append(line)
                            .append(line.contains(";tag=") ? "" : ";tag=" + toTag)
                            .append("\r\n");
                default -> {}
            }
        }
        r.append(extra);
        if (!sdp.isEmpty()) {
            r.append("Content-Type: application/sdp\r\n");
        }
        return r.append("Content-Length: ")
                .append(sdp.getBytes(StandardCharsets.UTF_8).length)
                .append("\r\n\r\n")
                .append(sdp)
                .toString();
    }

    /** The value of the first header field {@code name} of a message read off the stream; empty when none. */
    static String header(String message, String name) {
        Matcher m =
                Pattern.compile("(?mi)^" + Pattern.quote(name) + ":\\s*(.*)$").matcher(message);
        return m.find() ? m.group(1).strip() : "";
    }

    /**
     * The {@code <uri>} entries of every Record-Route field, top first (several fields or one
     * field with comma-separated values alike): a UAS's route set (RFC 3261 §12.1.1).
     */
    static List<String> recordRoutes(String message) {
        List<String> out = new ArrayList<>();
        Matcher field = Pattern.compile("(?mi)^Record-Route:\\s*(.*)$").matcher(message);
        while (field.find()) {
            Matcher entry = Pattern.compile("<[^>]*>").matcher(field.group(1));
            while (entry.find()) {
                out.add(entry.group());
            }
        }
        return out;
    }
}
