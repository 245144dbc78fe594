package dev.parley.ua.control.view;

import dev.parley.ua.control.hip.ScreenSize;
import java.awt.Color;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Optional;
import javax.swing.JComponent;
import org.jspecify.annotations.Nullable;

/**
 * Shows the controlled screen as the frames of its slides stream arrive, drawn the way {@link
 * ViewScaler} maps points (largest fit, aspect kept, centred), so that a click lands on the pixel
 * under it. The remote screen's size is the frames' size: the controlled side sends its screen
 * unscaled.
 */
public final class RemoteScreenView extends JComponent {
    private static final long serialVersionUID = 1L;

    private transient @Nullable BufferedImage frame;

    public RemoteScreenView() {
        setBackground(Color.DARK_GRAY);
        setOpaque(true);
    }

    /** The newest decoded frame; call on the Swing thread. */
    public void showFrame(BufferedImage image) {
        this.frame = image;
        repaint();
    }

    /** The controlled screen's size, known from the first frame. */
    public Optional<ScreenSize> remoteScreen() {
        BufferedImage f = frame;
        return f == null ? Optional.empty() : Optional.of(new ScreenSize(f.getWidth(), f.getHeight()));
    }

    @Override
    protected void paintComponent(Graphics g) {
        g.setColor(getBackground());
        g.fillRect(0, 0, getWidth(), getHeight());
        BufferedImage f = frame;
        if (f == null) {
            return;
        }
        Rectangle r =
                new ViewScaler(getWidth(), getHeight(), new ScreenSize(f.getWidth(), f.getHeight())).imageBounds();
        Graphics2D g2 = (Graphics2D) g;
        g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g2.drawImage(f, r.x, r.y, r.width, r.height, null);
    }
}
