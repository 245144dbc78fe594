package dev.parley.ua.control.input;

import dev.parley.ua.control.hip.HipDrop;
import dev.parley.ua.control.hip.HipDropCounters;
import dev.parley.ua.control.hip.HipMessage;
import dev.parley.ua.control.hip.MouseButton;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Applies HIP messages to an {@link InputInjector} and keeps the set of keys and buttons it holds
 * down, so that {@link #releaseAll} can let go of every one of them when the session ends (BYE,
 * TCP loss, a malformed stream, the peer gone). Guarded by its own lock: the session's reader
 * thread applies, whichever thread ends the session releases.
 */
public final class InputApplier {
    private static final int WHEEL_NOTCH = 120;

    private final InputInjector injector;
    private final HipDropCounters drops;
    private final Set<Integer> heldKeys = new LinkedHashSet<>();
    private final Set<MouseButton> heldButtons = new LinkedHashSet<>();
    private int wheelRemainder;
    private long applied;

    public InputApplier(InputInjector injector, HipDropCounters drops) {
        this.injector = Objects.requireNonNull(injector, "injector");
        this.drops = Objects.requireNonNull(drops, "drops");
    }

    /** Acts on one decoded message; a key or button this desktop lacks is counted, not thrown. */
    public synchronized void apply(HipMessage message) {
        try {
            dispatch(message);
            applied++;
        } catch (IllegalArgumentException e) {
            drops.count(HipDrop.NOT_INJECTABLE);
        }
    }

    /** Releases every key and button still held, keys in reverse order of pressing. */
    public synchronized void releaseAll() {
        List<Integer> keys = new ArrayList<>(heldKeys);
        for (int i = keys.size() - 1; i >= 0; i--) {
            injector.keyRelease(keys.get(i));
        }
        heldKeys.clear();
        for (MouseButton b : heldButtons) {
            injector.mouseRelease(robotButton(b));
        }
        heldButtons.clear();
        wheelRemainder = 0;
    }

    /** Keys held down now, in pressing order. */
    public synchronized List<Integer> heldKeys() {
        return List.copyOf(heldKeys);
    }

    /** Buttons held down now. */
    public synchronized Set<MouseButton> heldButtons() {
        return Set.copyOf(heldButtons);
    }

    /** Messages acted on so far. */
    public synchronized long applied() {
        return applied;
    }

    private void dispatch(HipMessage message) {
        if (message instanceof HipMessage.MouseMoved m) {
            injector.mouseMove(m.x(), m.y());
        } else if (message instanceof HipMessage.MousePressed m) {
            injector.mouseMove(m.x(), m.y());
            injector.mousePress(robotButton(m.button()));
            heldButtons.add(m.button());
        } else if (message instanceof HipMessage.MouseReleased m) {
            injector.mouseMove(m.x(), m.y());
            injector.mouseRelease(robotButton(m.button()));
            heldButtons.remove(m.button());
        } else if (message instanceof HipMessage.MouseWheelMoved m) {
            injector.mouseMove(m.x(), m.y());
            // §6.5: positive is forward, away from the user; Java's positive is toward the user.
            wheelRemainder += m.distance();
            int notches = wheelRemainder / WHEEL_NOTCH;
            wheelRemainder -= notches * WHEEL_NOTCH;
            if (notches != 0) {
                injector.mouseWheel(-notches);
            }
        } else if (message instanceof HipMessage.KeyPressed k) {
            injector.keyPress(k.keyCode());
            heldKeys.add(k.keyCode());
        } else if (message instanceof HipMessage.KeyReleased k) {
            // §6.7: a release without a press is acceptable.
            injector.keyRelease(k.keyCode());
            heldKeys.remove(k.keyCode());
        } else if (message instanceof HipMessage.KeyTyped t) {
            type(t.text());
        }
    }

    /** §6.8 text as key strokes: letters, digits and the unshifted keys of this keyboard. */
    private void type(String text) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            int key = KeyEvent.getExtendedKeyCodeForChar(c);
            if (key == KeyEvent.VK_UNDEFINED) {
                drops.count(HipDrop.NOT_INJECTABLE);
                continue;
            }
            boolean shift = Character.isUpperCase(c);
            if (shift) {
                injector.keyPress(KeyEvent.VK_SHIFT);
            }
            try {
                injector.keyPress(key);
                injector.keyRelease(key);
            } catch (IllegalArgumentException e) {
                drops.count(HipDrop.NOT_INJECTABLE);
            } finally {
                if (shift) {
                    injector.keyRelease(KeyEvent.VK_SHIFT);
                }
            }
        }
    }

    /** HIP numbers buttons left 1, right 2, middle 3 (§6.2); Robot's masks left 1, middle 2, right 3. */
    static int robotButton(MouseButton b) {
        return switch (b) {
            case LEFT -> 1;
            case MIDDLE -> 2;
            case RIGHT -> 3;
        };
    }
}
