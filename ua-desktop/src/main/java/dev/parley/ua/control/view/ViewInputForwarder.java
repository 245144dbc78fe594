package dev.parley.ua.control.view;

import dev.parley.ua.control.hip.HipMessage;
import dev.parley.ua.control.hip.MouseButton;
import dev.parley.ua.control.hip.ScreenSize;
import java.awt.Point;
import java.awt.event.KeyEvent;
import java.awt.event.KeyListener;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.MouseWheelEvent;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.JComponent;

/**
 * Turns pointer and key events on the controller's view into HIP messages
 * (draft-boyaci-avt-app-sharing-00 §6): points scaled from the view to the remote screen
 * ({@link ViewScaler}), buttons renumbered (HIP: 1 left, 2 right, 3 middle), the wheel as 120 per
 * notch with positive away from the user, keys as Java virtual key codes. Key presses and releases
 * travel as KeyPressed/KeyReleased, so the controlled side's own keyboard layout makes the text;
 * only characters with no key of their own (an input method's) travel as KeyTyped. Runs on the
 * Swing thread.
 */
public final class ViewInputForwarder extends MouseAdapter implements KeyListener {
    private final JComponent view;
    private final Supplier<Optional<ScreenSize>> remoteScreen;
    private final Consumer<HipMessage> out;
    private boolean lastPressUndefined;

    private ViewInputForwarder(JComponent view, Supplier<Optional<ScreenSize>> remoteScreen, Consumer<HipMessage> out) {
        this.view = view;
        this.remoteScreen = remoteScreen;
        this.out = out;
    }

    /**
     * Listens on {@code view}; {@code remoteScreen} is the controlled screen's size once known
     * (until then pointer events are not sent); {@code out} takes each message (e.g. {@code
     * InputSender::send}). Tab and the other focus keys go to the remote side too.
     */
    public static ViewInputForwarder attach(
            JComponent view, Supplier<Optional<ScreenSize>> remoteScreen, Consumer<HipMessage> out) {
        ViewInputForwarder f = new ViewInputForwarder(
                Objects.requireNonNull(view, "view"),
                Objects.requireNonNull(remoteScreen, "remoteScreen"),
                Objects.requireNonNull(out, "out"));
        view.setFocusable(true);
        view.setFocusTraversalKeysEnabled(false);
        view.addMouseListener(f);
        view.addMouseMotionListener(f);
        view.addMouseWheelListener(f);
        view.addKeyListener(f);
        return f;
    }

    /** Stops forwarding. */
    public void detach() {
        view.removeMouseListener(this);
        view.removeMouseMotionListener(this);
        view.removeMouseWheelListener(this);
        view.removeKeyListener(this);
    }

    private Optional<Point> remote(MouseEvent e) {
        return remoteScreen
                .get()
                .flatMap(s -> new ViewScaler(view.getWidth(), view.getHeight(), s).toRemote(e.getX(), e.getY()));
    }

    private static Optional<MouseButton> button(MouseEvent e) {
        return switch (e.getButton()) {
            case MouseEvent.BUTTON1 -> Optional.of(MouseButton.LEFT);
            case MouseEvent.BUTTON2 -> Optional.of(MouseButton.MIDDLE);
            case MouseEvent.BUTTON3 -> Optional.of(MouseButton.RIGHT);
            default -> Optional.empty();
        };
    }

    @Override
    public void mousePressed(MouseEvent e) {
        view.requestFocusInWindow();
        Optional<MouseButton> b = button(e);
        remote(e).ifPresent(p -> b.ifPresent(button -> out.accept(new HipMessage.MousePressed(button, p.x, p.y))));
    }

    @Override
    public void mouseReleased(MouseEvent e) {
        Optional<MouseButton> b = button(e);
        remote(e).ifPresent(p -> b.ifPresent(button -> out.accept(new HipMessage.MouseReleased(button, p.x, p.y))));
    }

    @Override
    public void mouseMoved(MouseEvent e) {
        remote(e).ifPresent(p -> out.accept(new HipMessage.MouseMoved(p.x, p.y)));
    }

    @Override
    public void mouseDragged(MouseEvent e) {
        mouseMoved(e);
    }

    @Override
    public void mouseWheelMoved(MouseWheelEvent e) {
        // Java: positive rotation is toward the user; §6.5: positive is away from the user.
        int distance = (int) Math.round(-e.getPreciseWheelRotation() * 120);
        if (distance != 0) {
            remote(e).ifPresent(p -> out.accept(new HipMessage.MouseWheelMoved(p.x, p.y, distance)));
        }
    }

    @Override
    public void keyPressed(KeyEvent e) {
        int code = e.getKeyCode();
        lastPressUndefined = code == KeyEvent.VK_UNDEFINED;
        if (!lastPressUndefined) {
            out.accept(new HipMessage.KeyPressed(code));
        }
        e.consume();
    }

    @Override
    public void keyReleased(KeyEvent e) {
        if (e.getKeyCode() != KeyEvent.VK_UNDEFINED) {
            out.accept(new HipMessage.KeyReleased(e.getKeyCode()));
        }
        e.consume();
    }

    @Override
    public void keyTyped(KeyEvent e) {
        char c = e.getKeyChar();
        if (lastPressUndefined && c != KeyEvent.CHAR_UNDEFINED && !Character.isISOControl(c)) {
            out.accept(new HipMessage.KeyTyped(String.valueOf(c)));
        }
        e.consume();
    }
}
