package dev.parley.interop;

import dev.parley.registrar.digest.DigestAlgorithm;
import dev.parley.registrar.digest.DigestResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Authorization header a phone sends back for a 401's MD5 challenge (qop=auth, nc=1). */
final class DigestAnswer {
    private DigestAnswer() {}

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
