package dev.parley.ua.control.e2e;

import dev.parley.ua.control.ControlledSide;
import dev.parley.ua.control.sip.ControlSip;
import java.awt.Point;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import javax.swing.JFrame;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * The controlled agent of the end-to-end test, run in its own JVM on an Xvfb display: a window
 * with one text field, and the real controlled side (SIP, consent, TCP listener, java.awt.Robot).
 * It answers by the caller's name: {@code allow-*} is allowed, {@code decline-*} declined, anyone
 * else left unanswered. It prints one line per event on stdout for the test to read:
 * {@code sip URI}, {@code field X Y W H}, {@code text VALUE}, {@code pressed CODE},
 * {@code released CODE}, {@code ask FROM}, {@code controlled FROM}, {@code ended WHY}.
 */
public final class ControlledTestApp {
    private ControlledTestApp() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Duration answerTime = Duration.ofMillis(Long.parseLong(args[0]));
        InetAddress loopback = InetAddress.getLoopbackAddress();
        JTextField field = new JTextField(20);
        SwingUtilities.invokeAndWait(() -> {
            JFrame frame = new JFrame("controlled");
            frame.setDefaultCloseOperation(WindowConstants.DO_NOTHING_ON_CLOSE);
            frame.add(field);
            frame.setBounds(100, 100, 400, 80);
            field.getDocument().addDocumentListener(new DocumentListener() {
                @Override
                public void insertUpdate(DocumentEvent e) {
                    out.println("text " + field.getText());
                }

                @Override
                public void removeUpdate(DocumentEvent e) {
                    out.println("text " + field.getText());
                }

                @Override
                public void changedUpdate(DocumentEvent e) {}
            });
            field.addKeyListener(new KeyAdapter() {
                @Override
                public void keyPressed(KeyEvent e) {
                    out.println("pressed " + e.getKeyCode());
                }

                @Override
                public void keyReleased(KeyEvent e) {
                    out.println("released " + e.getKeyCode());
                }
            });
            frame.setVisible(true);
        });
        Thread.sleep(500); // let the window be mapped before its place is read
        SwingUtilities.invokeAndWait(() -> {
            Point p = field.getLocationOnScreen();
            out.println("field " + p.x + " " + p.y + " " + field.getWidth() + " " + field.getHeight());
        });

        ControlSip sip = ControlSip.start("bob", loopback, 0);
        ControlledSide[] side = new ControlledSide[1];
        side[0] = new ControlledSide(
                new ControlledSide.Config(answerTime, loopback, 16),
                sip,
                ControlledSide.Injection::robot,
                new ControlledSide.Ui() {
                    @Override
                    public void ask(String requestId, String from, Duration timeLeft) {
                        out.println("ask " + from);
                        if (from.startsWith("allow")) {
                            side[0].allow(requestId);
                        } else if (from.startsWith("decline")) {
                            side[0].decline(requestId);
                        }
                    }

                    @Override
                    public void dismiss(String requestId) {}

                    @Override
                    public void controlled(String requestId, String from) {
                        out.println("controlled " + from);
                    }

                    @Override
                    public void released(String requestId, String why) {
                        out.println("ended " + why);
                    }
                },
                Clock.systemUTC());
        out.println("sip " + sip.uri());
        Thread.currentThread().join(); // until the test kills this process
    }
}
