package dev.parley.interop;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One real {@code parley console} process, started with the java command {@code ./parley console}
 * runs ({@code ua-desktop/target/ua-desktop-*.jar} and {@code target/lib/*}), the password on
 * the first line of its stdin and the menu's commands after it. Its stdout (one line per event)
 * and stderr (logs) go to {@code NAME.out} and {@code NAME.err} in its directory.
 */
final class ConsoleAgent implements AutoCloseable {
    final String user;
    private final Process process;
    private final OutputStream stdin;
    private final Path out;

    private ConsoleAgent(String user, Process process, Path out) {
        this.user = user;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.out = out;
    }

    /** {@code ./parley}'s class path for the agent: {@code ua-desktop/target}'s jar and its {@code lib/*}. */
    static String classPath() throws IOException {
        Path module = Path.of("..", "ua-desktop", "target").toAbsolutePath().normalize();
        Path jar;
        try (Stream<Path> files = Files.list(module)) {
            jar = files.filter(f -> f.getFileName().toString().matches("ua-desktop-.*\\.jar")
                            && !f.getFileName().toString().endsWith("-tests.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("ua-desktop is not packaged in " + module));
        }
        return jar + ":" + module.resolve("lib") + "/*";
    }

    /** The command line of {@code ./parley console ARGS}, as its {@code run_module} builds it. */
    static List<String> command(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                classPath(),
                "dev.parley.ua.console.ConsoleCommand"));
        cmd.addAll(args);
        return cmd;
    }

    /**
     * Starts a console's command line {@code cmd} (the console itself, or wrapped: under {@code
     * xvfb-run}, with a test window beside it) here, without the caller's {@code DISPLAY}, and
     * sends the password.
     */
    static ConsoleAgent startCommand(Path dir, String user, String password, List<String> cmd) throws Exception {
        Files.createDirectories(dir);
        Path out = dir.resolve(user + ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve(user + ".err").toFile());
        pb.environment().remove("DISPLAY");
        ConsoleAgent agent = new ConsoleAgent(user, pb.start(), out);
        agent.type(password);
        return agent;
    }

    /** Starts the console here (no namespace) and sends the password. */
    static ConsoleAgent start(Path dir, String user, String password, List<String> args) throws Exception {
        return startCommand(dir, user, password, command(args));
    }

    /**
     * Starts the console on a private X server of {@code screen} (e.g. {@code 1280x720}) that
     * {@code xvfb-run -a} starts on a free display and stops when the console exits, so that
     * {@code share screen} grabs that display; sends the password.
     */
    static ConsoleAgent startOnDisplay(Path dir, String user, String password, List<String> args, String screen)
            throws Exception {
        List<String> cmd =
                new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 " + screen + "x24 -nolisten tcp"));
        cmd.addAll(command(args));
        return startCommand(dir, user, password, cmd);
    }

    /** Starts the console inside a network namespace and sends the password. */
    static ConsoleAgent startIn(Netns ns, Path dir, String user, String password, List<String> args) throws Exception {
        Files.createDirectories(dir);
        Path out = dir.resolve(user + ".out");
        Process p = ns.startSplit(command(args), Map.of(), out, dir.resolve(user + ".err"));
        ConsoleAgent agent = new ConsoleAgent(user, p, out);
        agent.type(password);
        return agent;
    }

    /** One line on the console's stdin. */
    void type(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    String output() throws IOException {
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Waits for a line matching {@code regex} on stdout; returns its first group (or the match). */
    String await(String regex, Duration timeout) throws Exception {
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = p.matcher(output());
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError(user + ": no line like '" + regex + "' in " + timeout.toSeconds() + " s"
                        + (process.isAlive() ? "" : " (console exited " + process.exitValue() + ")") + "; stdout:\n"
                        + output());
            }
            Thread.sleep(50);
        }
    }

    /** Closes stdin (the console leaves and exits) and returns its exit code within {@code timeout}. */
    int endInput(Duration timeout) throws Exception {
        stdin.close();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(user + "'s console did not exit within " + timeout + " of the end of its input");
        }
        return process.exitValue();
    }

    /** A thread dump of the console's JVM (under xvfb-run too) into {@code NAME.threads} beside its logs, for a failure's report. */
    void dumpThreads(Path dir) {
        process.descendants()
                .filter(h -> h.info().command().orElse("").endsWith("java"))
                .findFirst()
                .or(() -> Optional.of(process.toHandle()))
                .ifPresent(h -> {
                    try {
                        new ProcessBuilder("jcmd", Long.toString(h.pid()), "Thread.print")
                                .redirectOutput(dir.resolve(user + ".threads").toFile())
                                .redirectErrorStream(true)
                                .start()
                                .waitFor(20, TimeUnit.SECONDS);
                    } catch (IOException e) {
                        // only for the report
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    @Override
    public void close() throws InterruptedException {
        // Under xvfb-run the console and Xvfb are its children: stop them first, by pid.
        process.descendants().forEach(ProcessHandle::destroy);
        Netns.stop(process);
    }
}
