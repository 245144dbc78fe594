package dev.parley.sdp;

import java.util.Objects;

/** The {@code b=} line (RFC 8866 §5.8): a modifier ({@code AS}, {@code TIAS}, …) and kbit/s or bit/s. */
public record Bandwidth(String type, long value) {
    public Bandwidth {
        Objects.requireNonNull(type, "type");
        if (type.isEmpty() || value < 0) {
            throw new IllegalArgumentException("bandwidth needs a type and a value >= 0");
        }
    }
}
