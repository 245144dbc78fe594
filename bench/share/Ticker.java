import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * What the presenter shares in bench/share/screen-fps.sh: a full-screen window that redraws every
 * 50 ms a counter, a paragraph of prose (16 px), and a scrolling log whose newest line carries the
 * counter (13 px monospace), so every captured frame differs and small text can be judged on the
 * received picture. Run with the JDK's source launcher: {@code java bench/share/Ticker.java}.
 */
public final class Ticker {
    private static final String[] PROSE = {
        "Screen share must stay readable: at least 1080p at 10 frames per second with text readable.",
        "The quick brown fox jumps over the lazy dog. 0123456789 ilI1| oO0 rn m cl d {}[]();:,.",
        "A second video stream with a=content:slides (RFC 4796) is added by re-INVITE when the user",
        "starts sharing and removed when they stop; one presenter at a time in a meeting.",
    };

    public static void main(String[] args) {
        SwingUtilities.invokeLater(() -> {
            JFrame frame = new JFrame("parley screen-share ticker");
            frame.setUndecorated(true);
            Screen screen = new Screen();
            frame.setContentPane(screen);
            frame.setBounds(0, 0, 1920, 1080);
            frame.setDefaultCloseOperation(JFrame.EXIT_ON_CLOSE);
            frame.setVisible(true);
            new Timer(50, e -> screen.tick()).start();
        });
    }

    private static final class Screen extends JPanel {
        private final Deque<String> log = new ArrayDeque<>();
        private long count;

        Screen() {
            setBackground(Color.WHITE);
        }

        void tick() {
            count++;
            log.addFirst(String.format(
                    "%s  tick %08d  INFO  RtpSession: ssrc=0x%08x seq=%05d ts=%010d len=%4d  ok",
                    LocalTime.now(), count, count * 2654435761L & 0xffffffffL, count % 65536, count * 4500,
                    900 + count % 300));
            while (log.size() > 40) {
                log.removeLast();
            }
            repaint();
        }

        @Override
        protected void paintComponent(Graphics g0) {
            super.paintComponent(g0);
            Graphics2D g = (Graphics2D) g0;
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 72));
            g.drawString(String.format("%08d", count), 40, 100);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
            for (int i = 0; i < PROSE.length; i++) {
                g.drawString(PROSE[i], 40, 150 + i * 22);
            }
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 13));
            int y = 260;
            for (String line : log) {
                g.drawString(line, 40, y);
                y += 18;
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("12 px: bottom-right corner, tick " + count, 1560, 1060);
        }
    }
}
