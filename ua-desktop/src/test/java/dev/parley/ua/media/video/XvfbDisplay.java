package dev.parley.ua.media.video;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A private X server for a test: {@code Xvfb -displayfd 1} picks a free display number and
 * prints it; {@link #close} kills the server. Debian package {@code xvfb}.
 */
public final class XvfbDisplay implements AutoCloseable {
    private final Process process;
    private final String display;

    private XvfbDisplay(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    /** Starts Xvfb with one screen of {@code width x height} at 24 bits. */
    public static XvfbDisplay start(int width, int height) throws IOException {
        Process p = new ProcessBuilder(
                        "Xvfb", "-displayfd", "1", "-screen", "0", width + "x" + height + "x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
        String number = out.readLine();
        if (number == null || !number.trim().matches("\\d+")) {
            p.destroyForcibly();
            throw new IOException("Xvfb did not start (is the xvfb package installed?)");
        }
        return new XvfbDisplay(p, ":" + number.trim());
    }

    /** The display name, e.g. {@code :1}, for {@code DISPLAY}. */
    public String display() {
        return display;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
