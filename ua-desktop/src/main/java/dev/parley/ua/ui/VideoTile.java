package dev.parley.ua.ui;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import javax.swing.JComponent;
import org.jspecify.annotations.Nullable;

/** One video in the grid: the latest picture, scaled to fit with its aspect kept, and a name. */
final class VideoTile extends JComponent {
    private static final long serialVersionUID = 1L;

    private transient @Nullable BufferedImage picture;
    private String label;

    VideoTile(String label) {
        this.label = label;
        setPreferredSize(new Dimension(320, 180));
        setOpaque(true);
        setBackground(Color.BLACK);
    }

    void show(BufferedImage p) {
        picture = p;
        repaint();
    }

    void label(String l) {
        if (!l.equals(label)) {
            label = l;
            repaint();
        }
    }

    String label() {
        return label;
    }

    boolean hasPicture() {
        return picture != null;
    }

    @Override
    protected void paintComponent(Graphics graphics) {
        Graphics2D g = (Graphics2D) graphics.create();
        try {
            g.setColor(getBackground());
            g.fillRect(0, 0, getWidth(), getHeight());
            BufferedImage p = picture;
            if (p != null) {
                double scale = Math.min((double) getWidth() / p.getWidth(), (double) getHeight() / p.getHeight());
                int w = (int) (p.getWidth() * scale);
                int h = (int) (p.getHeight() * scale);
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(p, (getWidth() - w) / 2, (getHeight() - h) / 2, w, h, null);
            }
            g.setFont(getFont().deriveFont(Font.BOLD));
            int textWidth = g.getFontMetrics().stringWidth(label);
            int textHeight = g.getFontMetrics().getHeight();
            g.setColor(new Color(0, 0, 0, 160));
            g.fillRect(4, getHeight() - textHeight - 8, textWidth + 12, textHeight + 4);
            g.setColor(Color.WHITE);
            g.drawString(label, 10, getHeight() - 10);
        } finally {
            g.dispose();
        }
    }
}
