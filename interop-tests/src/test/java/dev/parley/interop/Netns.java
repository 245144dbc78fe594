package dev.parley.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private network namespace for one scenario (issue 8): {@code unshare -n} runs {@code
 * baresip/netns.sh}, which brings loopback up, puts {@code address} on a veth pair kept inside
 * and holds the namespace while its stdin is open. Processes are started inside with {@code
 * nsenter --net=/proc/PID/ns/net}, which execs them, so every {@link Process} here is the real
 * program and is stopped by its pid on {@link #close}, in reverse order of start.
 */
final class Netns implements AutoCloseable {
    private final Process holder;
    private final Path dir;
    private final Deque<Process> started = new ArrayDeque<>();

    private Netns(Process holder, Path dir) {
        this.holder = holder;
        this.dir = dir;
    }

    /** Creates the namespace with {@code address} (e.g. {@code 10.77.0.1/24}); logs go to {@code dir}. */
    static Netns create(Path dir, String address) throws Exception {
        Files.createDirectories(dir);
        Path script = dir.resolve("netns.sh");
        try (InputStream in = Netns.class.getResourceAsStream("/baresip/netns.sh")) {
            if (in == null) {
                throw new IllegalStateException("baresip/netns.sh is not on the test class path");
            }
            Files.write(script, in.readAllBytes());
        }
        Process holder = new ProcessBuilder("unshare", "-n", "/bin/sh", script.toString(), address)
                .redirectError(dir.resolve("netns.err").toFile())
                .start();
        Netns ns = new Netns(holder, dir);
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"ready".equals(line)) {
            ns.close();
            throw new AssertionError("no network namespace (unshare -n needs CAP_SYS_ADMIN): "
                    + Files.readString(dir.resolve("netns.err")));
        }
        return ns;
    }

    /** Starts {@code command} inside the namespace, stdout and stderr appended to {@code log}. */
    Process start(List<String> command, Map<String, String> env, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/proc/" + holder.pid() + "/ns/net", "--"));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        started.push(p);
        return p;
    }

    /** Like {@link #start}, with stdout to {@code out} and stderr to {@code err} (stdin stays a pipe). */
    Process startSplit(List<String> command, Map<String, String> env, Path out, Path err) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/proc/" + holder.pid() + "/ns/net", "--"));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.to(out.toFile()))
                .redirectError(ProcessBuilder.Redirect.to(err.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        started.push(p);
        return p;
    }

    /**
     * {@code GET path} from an HTTP server on the namespace's loopback: the test JVM stays
     * outside, so bash's {@code /dev/tcp} inside does the request. Fails on a status other
     * than 200; returns the body.
     */
    String get(int port, String path) throws Exception {
        Process p = new ProcessBuilder(
                        "nsenter",
                        "--net=/proc/" + holder.pid() + "/ns/net",
                        "--",
                        "bash",
                        "-c",
                        "exec 3<>/dev/tcp/127.0.0.1/" + port + " && printf 'GET " + path
                                + " HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\n\\r\\n' >&3 && cat <&3")
                .redirectError(
                        ProcessBuilder.Redirect.appendTo(dir.resolve("http.err").toFile()))
                .start();
        String response = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("GET " + path + " did not finish in 10 s");
        }
        int body = response.indexOf("\r\n\r\n");
        if (!response.startsWith("HTTP/1.1 200") && !response.startsWith("HTTP/1.0 200") || body < 0) {
            throw new AssertionError("GET " + path + " answered: " + response);
        }
        return response.substring(body + 4);
    }

    /** SIGTERM to each process started (newest first), SIGKILL after 5 s; then the namespace. */
    @Override
    public void close() throws InterruptedException {
        while (!started.isEmpty()) {
            stop(started.pop());
        }
        try {
            holder.getOutputStream().close();
        } catch (IOException e) {
            // the holder is gone already; stop() below makes sure
        }
        stop(holder);
    }

    static void stop(Process p) throws InterruptedException {
        if (!p.isAlive()) {
            return;
        }
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
