package dev.parley.proxy.focus;

import java.util.Objects;

/** The focus's handle on one participant's dialog; opaque to the room (the SIP edge picks it). */
public record MemberId(String value) {
    public MemberId {
        Objects.requireNonNull(value, "value");
    }
}
