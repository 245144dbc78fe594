package dev.parley.ua.control.input;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Writes down what would have been injected, one line per call; rejects key code 0xFFFF like a keyboard without it. */
public final class RecordingInjector implements InputInjector {
    public static final int MISSING_KEY = 0xFFFF;

    private final List<String> calls = new CopyOnWriteArrayList<>();

    public List<String> calls() {
        return new ArrayList<>(calls);
    }

    @Override
    public void mouseMove(int x, int y) {
        calls.add("move " + x + "," + y);
    }

    @Override
    public void mousePress(int button) {
        calls.add("press button " + button);
    }

    @Override
    public void mouseRelease(int button) {
        calls.add("release button " + button);
    }

    @Override
    public void mouseWheel(int notches) {
        calls.add("wheel " + notches);
    }

    @Override
    public void keyPress(int keyCode) {
        if (keyCode == MISSING_KEY) {
            throw new IllegalArgumentException("Invalid key code");
        }
        calls.add("press key " + keyCode);
    }

    @Override
    public void keyRelease(int keyCode) {
        calls.add("release key " + keyCode);
    }
}
