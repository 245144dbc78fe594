package dev.parley.ua.media.video;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * A moving test pattern drawn in Java (the {@code testsrc} video source): seven colour bars, a
 * white square that crosses the picture once every two seconds at the nominal rate, the frame
 * number and a label (the user's name), so a receiver can tell streams and frames apart.
 */
public final class TestPatternSource implements VideoSource {
    private static final Color[] BARS = {
        Color.WHITE, Color.YELLOW, Color.CYAN, Color.GREEN, Color.MAGENTA, Color.RED, Color.BLUE
    };

    private final FrameSize size;
    private final int framesPerSecond;
    private final String label;
    private long frameNumber;

    public TestPatternSource(FrameSize size, int framesPerSecond, String label) {
        if (framesPerSecond < 1) {
            throw new IllegalArgumentException("frames per second must be positive: " + framesPerSecond);
        }
        this.size = size;
        this.framesPerSecond = framesPerSecond;
        this.label = label;
    }

    @Override
    public FrameSize size() {
        return size;
    }

    @Override
    public Optional<BufferedImage> grab() {
        int w = size.width();
        int h = size.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            for (int i = 0; i < BARS.length; i++) {
                g.setColor(BARS[i]);
                g.fillRect(i * w / BARS.length, 0, (i + 1) * w / BARS.length - i * w / BARS.length, h);
            }
            int box = Math.max(4, h / 6);
            long period = 2L * framesPerSecond;
            int x = (int) ((frameNumber % period) * (w - box) / Math.max(1, period - 1));
            g.setColor(Color.BLACK);
            g.fillRect(0, h - h / 4, w, h / 4);
            g.setColor(Color.WHITE);
            g.fillRect(x, h / 2 - box / 2, box, box);
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, Math.max(8, h / 12)));
            g.drawString(label + "  #" + frameNumber, 8, h - h / 12);
        } finally {
            g.dispose();
        }
        frameNumber++;
        return Optional.of(image);
    }

    @Override
    public void close() {}
}
