package dev.parley.proxy.focus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session timers (RFC 4028) for the focus as the UAS: which interval a member's INVITE or UPDATE
 * gets, and which members stopped refreshing. The member's phone refreshes ({@code
 * refresher=uac}); when a refresh is missing at the session's end less min(32 s, interval / 3)
 * (§10), the member is due to be hung up. Pure: the caller passes the time.
 */
public final class SessionTimers {
    /** RFC 4028 §4: no interval below 90 s. */
    public static final Duration MIN_SE = Duration.ofSeconds(90);

    /** The focus's answer to a request's Session-Expires. */
    public sealed interface Verdict {
        /** No session timer for this call: the request did not ask, or the phone cannot refresh. */
        record None() implements Verdict {}

        /** 422 Session Interval Too Small, with {@code Min-SE}. */
        record TooSmall(Duration minSe) implements Verdict {}

        /** The 2xx carries {@code Session-Expires: interval;refresher=uac} and {@code Require: timer}. */
        record Refreshed(Duration interval) implements Verdict {
            public String header() {
                return interval.toSeconds() + ";refresher=uac";
            }
        }
    }

    private record Due(Instant at, Duration interval) {}

    private final Map<MemberId, Due> due = new ConcurrentHashMap<>();

    /**
     * Reads a request's {@code Session-Expires} value (e.g. {@code 1800;refresher=uac}) and
     * whether it says {@code Supported: timer}; with no header or a malformed one, no timer.
     */
    public static Verdict verdict(Optional<String> sessionExpires, boolean supportsTimer) {
        if (sessionExpires.isEmpty()) {
            return new Verdict.None();
        }
        String value = sessionExpires.get().strip();
        int semi = value.indexOf(';');
        String seconds = (semi < 0 ? value : value.substring(0, semi)).strip();
        long interval;
        try {
            interval = Long.parseLong(seconds);
        } catch (NumberFormatException e) {
            return new Verdict.None();
        }
        if (interval < MIN_SE.toSeconds()) {
            return new Verdict.TooSmall(MIN_SE);
        }
        boolean uasAsked =
                semi >= 0 && value.substring(semi).toLowerCase(Locale.ROOT).contains("refresher=uas");
        // A phone without the extension, or one that wants us to refresh, gets no timer: the
        // focus sends no refreshes of its own (RTP inactivity still reaps a vanished phone).
        if (!supportsTimer || uasAsked) {
            return new Verdict.None();
        }
        return new Verdict.Refreshed(Duration.ofSeconds(interval));
    }

    /** Starts or refreshes a member's timer at {@code now}, or drops it for {@link Verdict.None}. */
    public void refreshed(MemberId member, Verdict verdict, Instant now) {
        if (verdict instanceof Verdict.Refreshed r) {
            Duration grace = r.interval().dividedBy(3).compareTo(Duration.ofSeconds(32)) < 0
                    ? r.interval().dividedBy(3)
                    : Duration.ofSeconds(32);
            due.put(member, new Due(now.plus(r.interval()).minus(grace), r.interval()));
        } else {
            due.remove(member);
        }
    }

    /** A member left: nothing to watch. */
    public void forget(MemberId member) {
        due.remove(member);
    }

    /** The members whose refresh did not come in time at {@code now}; they are forgotten. */
    public List<MemberId> expired(Instant now) {
        List<MemberId> out = new ArrayList<>();
        due.forEach((member, d) -> {
            if (!now.isBefore(d.at()) && due.remove(member, d)) {
                out.add(member);
            }
        });
        return out;
    }
}
