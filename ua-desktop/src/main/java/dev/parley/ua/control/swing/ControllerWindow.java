package dev.parley.ua.control.swing;

import dev.parley.ua.control.ControlAgent;
import dev.parley.ua.control.ControllerSide;
import dev.parley.ua.control.hip.ScreenSize;
import dev.parley.ua.control.view.RemoteScreenView;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.jspecify.annotations.Nullable;

/**
 * The controller's window: the controlled screen ({@link RemoteScreenView}, showing each picture
 * the slides stream's decoder hands to {@link #screen}), a status line and Stop. Pointer and keys on the view act
 * on the other screen once they allow it; closing the window ends control.
 */
public final class ControllerWindow extends JFrame implements ControllerSide.Ui {
    private static final long serialVersionUID = 1L;

    private final RemoteScreenView view = new RemoteScreenView();
    private final JLabel status = new JLabel();
    private transient ControllerSide.@Nullable Control control;

    private ControllerWindow(String target) {
        super("Controlling " + target);
        setName("controllerWindow");
        status.setName("controlStatus");
        status.setText("Asking " + target + " for control…");
        JButton stop = new JButton("Stop");
        stop.setName("stopControlling");
        stop.addActionListener(e -> dispose());
        JPanel top = new JPanel(new FlowLayout(FlowLayout.LEFT));
        top.add(status);
        top.add(stop);
        add(top, BorderLayout.NORTH);
        view.setPreferredSize(new Dimension(960, 540));
        add(view, BorderLayout.CENTER);
        setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
        pack();
    }

    /** Opens the window and asks {@code uri}, naming them {@code who}; call on the Swing thread. */
    public static ControllerWindow open(ControlAgent agent, String uri, String who) throws IOException {
        return open(agent, uri, who, new ControllerSide.Ui() {
            @Override
            public void started(String t, ScreenSize screen) {}

            @Override
            public void refused(String t, int status, String reason) {}

            @Override
            public void ended(String t, String why) {}
        });
    }

    /**
     * Opens the window and asks {@code uri}, naming them {@code who}, also telling {@code alsoTell}
     * (the console's lines) what happens; call on the Swing thread.
     */
    public static ControllerWindow open(ControlAgent agent, String uri, String who, ControllerSide.Ui alsoTell)
            throws IOException {
        ControllerWindow w = new ControllerWindow(who);
        w.control = agent.request(uri, who, w.view, ControllerSide.Ui.both(w, alsoTell));
        w.setVisible(true);
        return w;
    }

    /** The request or session this window shows. */
    public ControllerSide.Control control() {
        ControllerSide.Control c = control;
        if (c == null) {
            throw new IllegalStateException("not opened");
        }
        return c;
    }

    /** Where decoded frames of the controlled screen go. */
    public RemoteScreenView view() {
        return view;
    }

    @Override
    public void dispose() {
        ControllerSide.Control c = control;
        if (c != null) {
            c.stop();
        }
        super.dispose();
    }

    @Override
    public void started(String target, ScreenSize screen) {
        SwingUtilities.invokeLater(() -> {
            status.setText("Controlling " + target + " (" + screen.width() + "×" + screen.height() + ")");
            view.requestFocusInWindow();
        });
    }

    @Override
    public void refused(String target, int status, String reason) {
        SwingUtilities.invokeLater(() -> this.status.setText(
                switch (status) {
                    case 603 -> target + " declined.";
                    case 408 -> target + " did not answer.";
                    case 486 -> target + " is busy: someone else controls that screen.";
                    default -> "Control of " + target + " failed: " + reason;
                }));
    }

    @Override
    public void ended(String target, String why) {
        SwingUtilities.invokeLater(() -> status.setText("Control ended: " + why));
    }

    @Override
    public void screen(String target, BufferedImage picture) {
        SwingUtilities.invokeLater(() -> view.showFrame(picture));
    }
}
