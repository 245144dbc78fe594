package dev.parley.ua.control.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The controlled side's consent state (DESIGN.md "Remote desktop control", issue 7): one request
 * asked at a time, one controller at a time. A request is asked of the user; Allow starts
 * control, Decline answers 603, no answer by the deadline answers 408, a request while another is
 * asked or control is on answers 486. An Allow that comes after the deadline, for another request,
 * or twice changes nothing. Time is a parameter; the edge calls {@link #tick} at {@link
 * #nextDeadline}. Not thread-safe: one owner thread.
 */
public final class ControlConsent {
    /** How long the user has to answer; 30 s in the agent, shorter in tests. */
    public static final Duration DEFAULT_ANSWER_TIME = Duration.ofSeconds(30);

    private record Asked(String id, String from, Instant deadline) {}

    private record Controlling(String id, String from) {}

    private final Duration answerTime;
    private @Nullable Asked asked;
    private @Nullable Controlling controlling;

    public ControlConsent(Duration answerTime) {
        if (answerTime.isNegative() || answerTime.isZero()) {
            throw new IllegalArgumentException("the answer time must be positive, got " + answerTime);
        }
        this.answerTime = answerTime;
    }

    /** A control INVITE arrived from {@code from}. */
    public List<ConsentAction> request(String id, String from, Instant now) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        if (controlling != null) {
            return List.of(new ConsentAction.Reject(id, 486, controlling.from() + " is controlling this screen"));
        }
        if (asked != null) {
            return List.of(new ConsentAction.Reject(id, 486, "another control request is waiting for an answer"));
        }
        Asked a = new Asked(id, from, now.plus(answerTime));
        asked = a;
        return List.of(new ConsentAction.Ask(id, from, a.deadline()));
    }

    /** The user clicked Allow (or typed {@code allow}). */
    public List<ConsentAction> allow(String id, Instant now) {
        Asked a = asked;
        if (a == null || !a.id().equals(id)) {
            return List.of();
        }
        if (!now.isBefore(a.deadline())) {
            return tick(now);
        }
        asked = null;
        controlling = new Controlling(a.id(), a.from());
        return List.of(new ConsentAction.Dismiss(id), new ConsentAction.Start(id, a.from()));
    }

    /** The user clicked Decline (or typed {@code decline}). */
    public List<ConsentAction> decline(String id) {
        Asked a = asked;
        if (a == null || !a.id().equals(id)) {
            return List.of();
        }
        asked = null;
        return List.of(new ConsentAction.Dismiss(id), new ConsentAction.Reject(id, 603, "declined"));
    }

    /** The clock moved: a question past its deadline is answered 408. */
    public List<ConsentAction> tick(Instant now) {
        Asked a = asked;
        if (a == null || now.isBefore(a.deadline())) {
            return List.of();
        }
        asked = null;
        return List.of(
                new ConsentAction.Dismiss(a.id()),
                new ConsentAction.Reject(a.id(), 408, "no answer in " + answerTime.toSeconds() + " s"));
    }

    /** The caller gave up before an answer (CANCEL). */
    public List<ConsentAction> withdrawn(String id) {
        Asked a = asked;
        if (a == null || !a.id().equals(id)) {
            return List.of();
        }
        asked = null;
        return List.of(new ConsentAction.Dismiss(id));
    }

    /** This side stops control: the Stop button, the hotkey, {@code stop} at the console. */
    public List<ConsentAction> stop(String id, String why) {
        return end(id, true, why);
    }

    /** The session ended from the other side or underneath: BYE received, input connection lost. */
    public List<ConsentAction> ended(String id, boolean sendBye, String why) {
        return end(id, sendBye, why);
    }

    private List<ConsentAction> end(String id, boolean sendBye, String why) {
        Controlling c = controlling;
        if (c == null || !c.id().equals(id)) {
            return List.of();
        }
        controlling = null;
        return List.of(new ConsentAction.Stop(id, sendBye, why));
    }

    /** When {@link #tick} next has something to do. */
    public Optional<Instant> nextDeadline() {
        Asked a = asked;
        return a == null ? Optional.empty() : Optional.of(a.deadline());
    }

    /** Who controls this screen now, if anyone: the request's id and the caller's name. */
    public Optional<String> controller() {
        Controlling c = controlling;
        return c == null ? Optional.empty() : Optional.of(c.from());
    }

    /** The id of the control session on now, if any. */
    public Optional<String> activeRequest() {
        Controlling c = controlling;
        return c == null ? Optional.empty() : Optional.of(c.id());
    }

    /** The id of the request waiting for the user's answer, if any. */
    public Optional<String> askedRequest() {
        Asked a = asked;
        return a == null ? Optional.empty() : Optional.of(a.id());
    }
}
