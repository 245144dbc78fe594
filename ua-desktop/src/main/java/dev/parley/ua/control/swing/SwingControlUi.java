package dev.parley.ua.control.swing;

import dev.parley.ua.control.ControlledSide;
import java.awt.AWTEvent;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Toolkit;
import java.awt.event.AWTEventListener;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.WindowConstants;
import org.jspecify.annotations.Nullable;

/**
 * {@link ControlledSide.Ui} for the window: a dialog naming who asks, with Allow and Decline and
 * the seconds left (it does not block: the meeting goes on behind it); while control is on, a small
 * always-on-top bar at the top of the screen, "NAME is controlling your screen — Stop", that takes
 * no focus from what is being controlled; and the hotkey {@link #HOTKEY_TEXT}, caught in every
 * window of this agent, that stops it. Java sees keys only while one of its windows has focus, so
 * the bar's Stop button is the way that always works.
 */
public final class SwingControlUi implements ControlledSide.Ui {
    /** Ctrl+Shift+F12 stops control. */
    public static final String HOTKEY_TEXT = "Ctrl+Shift+F12";

    private final Supplier<ControlledSide> side;
    private final Map<String, JDialog> questions = new HashMap<>();
    private @Nullable JDialog bar;
    private final AWTEventListener hotkey;

    /** {@code side}: the controlled side this UI answers to (a supplier, as the two are made together). */
    public SwingControlUi(Supplier<ControlledSide> side) {
        this.side = Objects.requireNonNull(side, "side");
        this.hotkey = event -> {
            if (event instanceof KeyEvent k
                    && k.getID() == KeyEvent.KEY_PRESSED
                    && k.getKeyCode() == KeyEvent.VK_F12
                    && (k.getModifiersEx() & (InputEvent.CTRL_DOWN_MASK | InputEvent.SHIFT_DOWN_MASK))
                            == (InputEvent.CTRL_DOWN_MASK | InputEvent.SHIFT_DOWN_MASK)) {
                side.get().stop();
            }
        };
    }

    @Override
    public void ask(String requestId, String from, Duration timeLeft) {
        SwingUtilities.invokeLater(() -> {
            JDialog d = new JDialog((java.awt.Frame) null, "Remote control", false);
            d.setName("controlRequest");
            d.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
            JLabel text = new JLabel(from + " asks to control your screen.");
            JLabel left = new JLabel();
            long deadline = System.nanoTime() + timeLeft.toNanos();
            Timer countdown = new Timer(
                    250,
                    e -> left.setText("Declined by itself in "
                            + Math.max(0, (deadline - System.nanoTime()) / 1_000_000_000L) + " s"));
            countdown.setInitialDelay(0);
            countdown.start();
            JButton allow = new JButton("Allow");
            allow.setName("allowControl");
            allow.addActionListener(e -> side.get().allow(requestId));
            JButton decline = new JButton("Decline");
            decline.setName("declineControl");
            decline.addActionListener(e -> side.get().decline(requestId));
            d.addWindowListener(new java.awt.event.WindowAdapter() {
                @Override
                public void windowClosing(java.awt.event.WindowEvent e) {
                    side.get().decline(requestId);
                }

                @Override
                public void windowClosed(java.awt.event.WindowEvent e) {
                    countdown.stop();
                }
            });
            JPanel body = new JPanel(new BorderLayout(8, 8));
            body.setBorder(BorderFactory.createEmptyBorder(12, 12, 12, 12));
            body.add(text, BorderLayout.NORTH);
            body.add(left, BorderLayout.CENTER);
            JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
            buttons.add(decline);
            buttons.add(allow);
            body.add(buttons, BorderLayout.SOUTH);
            d.setContentPane(body);
            d.getRootPane().setDefaultButton(decline);
            d.pack();
            d.setLocationRelativeTo(null);
            d.setAlwaysOnTop(true);
            questions.put(requestId, d);
            d.setVisible(true);
        });
    }

    @Override
    public void dismiss(String requestId) {
        SwingUtilities.invokeLater(() -> {
            JDialog d = questions.remove(requestId);
            if (d != null) {
                d.dispose();
            }
        });
    }

    @Override
    public void controlled(String requestId, String from) {
        SwingUtilities.invokeLater(() -> {
            hideBar();
            JDialog b = new JDialog((java.awt.Frame) null, "Remote control", false);
            b.setName("controlBar");
            b.setUndecorated(true);
            b.setAlwaysOnTop(true);
            b.setFocusableWindowState(false); // never take the keyboard from what is being controlled
            JLabel text = new JLabel(from + " is controlling your screen — ");
            text.setName("controlBarText");
            JButton stop = new JButton("Stop");
            stop.setName("stopControl");
            stop.setToolTipText("Stop remote control (" + HOTKEY_TEXT + ")");
            stop.addActionListener(e -> side.get().stop());
            JPanel row = new JPanel(new FlowLayout(FlowLayout.CENTER, 8, 4));
            row.setBorder(BorderFactory.createLineBorder(java.awt.Color.RED, 2));
            row.add(text);
            row.add(stop);
            row.add(new JLabel("(" + HOTKEY_TEXT + ")"));
            b.setContentPane(row);
            b.pack();
            Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment()
                    .getDefaultScreenDevice()
                    .getDefaultConfiguration()
                    .getBounds();
            Dimension size = b.getSize();
            b.setLocation(screen.x + (screen.width - size.width) / 2, screen.y);
            Toolkit.getDefaultToolkit().addAWTEventListener(hotkey, AWTEvent.KEY_EVENT_MASK);
            bar = b;
            b.setVisible(true);
        });
    }

    @Override
    public void released(String requestId, String why) {
        SwingUtilities.invokeLater(this::hideBar);
    }

    private void hideBar() {
        JDialog b = bar;
        if (b != null) {
            b.dispose();
            bar = null;
        }
        Toolkit.getDefaultToolkit().removeAWTEventListener(hotkey);
    }
}
