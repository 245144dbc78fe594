package dev.parley.interop;

import dev.parley.ua.console.ConsoleCommand;
import java.awt.Point;
import java.awt.event.FocusAdapter;
import java.awt.event.FocusEvent;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import javax.swing.JFrame;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * The controlled user's desktop in {@link RemoteControlIT}: a window with one text field on the
 * private X display, then {@code parley console} (its real main, ARGS as given) in the same JVM,
 * whose screen is that display. Prints {@code field X Y W H}, {@code focus field|lost} and {@code
 * text VALUE} besides the console's lines.
 */
public final class ControlledConsole {
    private ControlledConsole() {}

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
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
            field.addFocusListener(new FocusAdapter() {
                @Override
                public void focusGained(FocusEvent e) {
                    out.println("focus field");
                }

                @Override
                public void focusLost(FocusEvent e) {
                    out.println("focus lost");
                }
            });
            frame.setVisible(true);
        });
        Thread.sleep(500); // let the window be mapped before its place is read
        SwingUtilities.invokeAndWait(() -> {
            Point p = field.getLocationOnScreen();
            out.println("field " + p.x + " " + p.y + " " + field.getWidth() + " " + field.getHeight());
        });
        ConsoleCommand.main(args);
    }
}
