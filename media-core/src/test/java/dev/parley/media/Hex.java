package dev.parley.media;

/** Test fixtures: turns hex text with spaces, newlines and {@code //} comments into bytes. */
public final class Hex {
    private Hex() {}

    /** Each line may end in a {@code //} comment naming the field; whitespace is ignored. */
    public static byte[] bytes(String text) {
        StringBuilder digits = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            int comment = line.indexOf("//");
            digits.append((comment >= 0 ? line.substring(0, comment) : line).replaceAll("\\s", ""));
        }
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + digits);
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
