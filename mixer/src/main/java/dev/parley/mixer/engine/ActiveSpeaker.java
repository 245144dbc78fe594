package dev.parley.mixer.engine;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The conference's dominant speaker, from the level of what each participant contributed to each
 * 20 ms mix (RFC 6464 values: 0 is 0 dBov, 127 silence), with hysteresis so that softphones
 * showing one video are not switched on every cough:
 *
 * <ul>
 *   <li>a participant speaks in a tick when its level is under {@link #SPEECH_LEVEL};
 *   <li>the loudest speaker of a tick challenges the current one when it is at least {@link
 *       #MARGIN_DB} louder (or the current one is silent); each such tick adds one to the
 *       challenger's score, each other tick takes one off, and a score of {@link #SWITCH_TICKS}
 *       (about half a second of speech over the other) makes it the speaker;
 *   <li>the first speaker in a room without one takes over at once.
 * </ul>
 *
 * Fed once per tick: {@link #begin}, {@link #level} per audio participant, {@link #end}. No
 * allocation per tick; owned by the conference's worker thread.
 */
final class ActiveSpeaker {
    /** Louder than -50 dBov counts as speech. */
    static final int SPEECH_LEVEL = 50;
    /** How much louder than the current speaker a challenger must be, in dB. */
    static final int MARGIN_DB = 6;
    /** Net ticks of dominance a challenger needs: 25 ticks of 20 ms. */
    static final int SWITCH_TICKS = 25;

    @Nullable
    private String current;

    @Nullable
    private String previous;

    @Nullable
    private String challenger;

    private int score;

    @Nullable
    private String loudest;

    private int loudestLevel;
    private int currentLevel;

    /** Starts a tick. */
    void begin() {
        loudest = null;
        loudestLevel = 128;
        currentLevel = 128;
    }

    /** One participant's level this tick (several streams of one participant: the loudest counts). */
    void level(String participant, int level) {
        if (participant.equals(current)) {
            currentLevel = Math.min(currentLevel, level);
        }
        if (level < SPEECH_LEVEL && level < loudestLevel) {
            loudest = participant;
            loudestLevel = level;
        }
    }

    /** Ends the tick; true when the dominant speaker changed. */
    boolean end() {
        String top = loudest;
        if (current == null) {
            if (top == null) {
                return false;
            }
            current = top;
            return true;
        }
        boolean dominates = top != null && !top.equals(current) && currentLevel - loudestLevel >= MARGIN_DB;
        if (dominates && Objects.equals(top, challenger)) {
            score++;
        } else if (dominates && score == 0) {
            challenger = top;
            score = 1;
        } else if (score > 0) {
            score--;
        }
        if (score >= SWITCH_TICKS && challenger != null) {
            previous = current;
            current = challenger;
            challenger = null;
            score = 0;
            return true;
        }
        return false;
    }

    /** The dominant speaker, if anyone has spoken yet. */
    Optional<String> current() {
        return Optional.ofNullable(current);
    }

    /**
     * Whom {@code participant} should see: the dominant speaker, or the one before when it is
     * the dominant speaker itself.
     */
    Optional<String> shownTo(String participant) {
        if (participant.equals(current)) {
            return Optional.ofNullable(previous);
        }
        return Optional.ofNullable(current);
    }

    /** Forgets a participant that left. */
    void forget(String participant) {
        if (participant.equals(current)) {
            current = previous;
            previous = null;
        } else if (participant.equals(previous)) {
            previous = null;
        }
        if (participant.equals(challenger)) {
            challenger = null;
            score = 0;
        }
    }
}
