package dev.parley.interop;

import dev.parley.registrar.digest.DigestAlgorithm;
import dev.parley.registrar.digest.DigestResponse;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A REGISTER written by hand, as a phone sends it, and the Authorization header it sends back
 * for a 401's MD5 challenge (qop=auth, nc=1): for tests that must control every byte.
 */
final class DigestAnswer {
    private DigestAnswer() {}

    /** Sends {@code message} in one datagram to 127.0.0.1:{@code serverPort} and returns the first answer. */
    static String exchange(DatagramSocket phone, int serverPort, String message) throws IOException {
        byte[] out = message.getBytes(StandardCharsets.UTF_8);
        phone.send(new DatagramPacket(out, out.length, InetAddress.getLoopbackAddress(), serverPort));
        DatagramPacket in = new DatagramPacket(new byte[65_535], 65_535);
        phone.receive(in);
        return new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8);
    }

    /**
     * REGISTER of {@code user}@localhost to the server at 127.0.0.1:{@code serverPort} from
     * 127.0.0.1:{@code localPort}, Expires 600; {@code authorization} is "" or a whole header line.
     */
    static String register(
            String transport,
            int serverPort,
            int localPort,
            String user,
            int cseq,
            String contact,
            String authorization) {
        return register(transport, serverPort, localPort, user, cseq, contact, authorization, "");
    }

    /** Like the other, with {@code extra} header lines (each ending in CRLF) before Expires. */
    static String register(
            String transport,
            int serverPort,
            int localPort,
            String user,
            int cseq,
            String contact,
            String authorization,
            String extra) {
        return "REGISTER sip:127.0.0.1:" + serverPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:" + localPort + ";branch=z9hG4bK-" + user + "-" + cseq
                + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@localhost>;tag=" + user + "-it\r\n"
                + "To: <sip:" + user + "@localhost>\r\n"
                + "Call-ID: " + user + "-it@127.0.0.1\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: " + contact + "\r\n"
                + authorization
                + extra
                + "Expires: 600\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    static String authorization(String challenge, String user, String password, String method, String uri) {
        Matcher nonce = Pattern.compile("nonce=\"([^\"]+)\"").matcher(challenge);
        Matcher realm = Pattern.compile("realm=\"([^\"]+)\"").matcher(challenge);
        if (!nonce.find() || !realm.find()) {
            throw new AssertionError("no digest challenge in:\n" + challenge);
        }
        String ha1 = DigestAlgorithm.MD5.ha1(user, realm.group(1), password);
        String response = DigestResponse.compute(
                DigestAlgorithm.MD5, ha1, nonce.group(1), "00000001", "0a4f113b", "auth", method, uri);
        return "Authorization: Digest username=\"" + user + "\", realm=\"" + realm.group(1) + "\", nonce=\""
                + nonce.group(1) + "\", uri=\"" + uri + "\", response=\"" + response
                + "\", algorithm=MD5, qop=auth, nc=00000001, cnonce=\"0a4f113b\"\r\n";
    }
}
