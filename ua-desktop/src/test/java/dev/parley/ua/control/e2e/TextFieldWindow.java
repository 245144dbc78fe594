package dev.parley.ua.control.e2e;

import java.awt.Point;
import java.awt.event.FocusAdapter;
import java.awt.event.FocusEvent;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.io.PrintStream;
import javax.swing.JFrame;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * The controlled user's window in the end-to-end tests: one text field at (100, 100) of the
 * screen. It prints {@code field X Y W H} once it is on screen, then {@code text VALUE}, {@code
 * pressed CODE}, {@code released CODE} and {@code focus field|lost} as they happen.
 */
final class TextFieldWindow {
    private TextFieldWindow() {}

    static void show(PrintStream out) throws Exception {
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
    }
}
