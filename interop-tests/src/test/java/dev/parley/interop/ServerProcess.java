package dev.parley.interop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code parley server} JVM, started with the build's class path, its output in files
 * under {@code dir}. Closing it sends SIGTERM and waits; {@link #kill9} is the crash.
 */
final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path out;
    private final Path err;
    private final int httpPort;

    private ServerProcess(Process process, Path out, Path err, int httpPort) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.httpPort = httpPort;
    }

    /** The class path of the proxy module and its runtime dependencies. */
    static String classPath() throws IOException {
        String file = System.getProperty("parley.server.classpath");
        if (file == null) {
            throw new IllegalStateException("run through Maven: parley.server.classpath is not set");
        }
        return Files.readString(Path.of(file)).strip();
    }

    /** Runs a Parley command-line main class to completion, feeding {@code stdin}. */
    static String runMain(String mainClass, String stdin, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-cp", classPath(), mainClass));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(mainClass + " " + args + " failed: " + output);
        }
        return output;
    }

    /** Adds a user with {@code parley user add NAME --password-stdin}. */
    static void addUser(List<String> storeArgs, String name, String password) throws Exception {
        List<String> args = new ArrayList<>(List.of("add", name, "--password-stdin"));
        args.addAll(storeArgs);
        runMain("dev.parley.proxy.cli.UserCommand", password + "\n", args);
    }

    /**
     * Adds every user of {@code passwords} with one {@code parley user import} (one JVM instead
     * of one per user); the accounts file is written under {@code dir}.
     */
    static void addUsers(Path dir, List<String> storeArgs, java.util.Map<String, String> passwords) throws Exception {
        StringBuilder lines = new StringBuilder();
        passwords.forEach((name, password) ->
                lines.append(name).append(' ').append(password).append('\n'));
        Files.createDirectories(dir);
        Path file = Files.writeString(dir.resolve("users.txt"), lines);
        List<String> args = new ArrayList<>(List.of("import", file.toString()));
        args.addAll(storeArgs);
        runMain("dev.parley.proxy.cli.UserCommand", "", args);
    }

    /**
     * A server for phone tests in a new directory under target/: SIP on {@code sip} (HOST:PORT),
     * MD5 digest (the agents' and sipp's), the {@code users} with {@link SipTestAgent#password},
     * and {@code extra} arguments.
     */
    static ServerProcess withUsers(String prefix, String sip, List<String> users, List<String> extra) throws Exception {
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), prefix);
        List<String> store = List.of("--data", dir.resolve("data").toString());
        java.util.Map<String, String> passwords = new java.util.LinkedHashMap<>();
        users.forEach(u -> passwords.put(u, SipTestAgent.password(u)));
        addUsers(dir, store, passwords);
        List<String> args = new ArrayList<>(store);
        args.addAll(List.of("--sip-listen", sip, "--digest-algorithms", "MD5"));
        args.addAll(extra);
        return start(dir, Ports.free(), args);
    }

    /** Starts the server and waits (at most 90 s: a loaded CI host can take its time starting two JVMs) until it prints its HTTP listener. */
    static ServerProcess start(Path dir, int httpPort, List<String> args) throws Exception {
        Files.createDirectories(dir);
        int n = 0;
        while (Files.exists(dir.resolve("server-" + n + ".out"))) {
            n++;
        }
        Path out = dir.resolve("server-" + n + ".out");
        Path err = dir.resolve("server-" + n + ".err");
        List<String> cmd =
                new ArrayList<>(List.of(javaBin(), "-cp", classPath(), "dev.parley.proxy.cli.ServerCommand"));
        cmd.addAll(args);
        cmd.addAll(List.of("--http", "127.0.0.1:" + httpPort));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        // The server starts its mixer from the source tree's build (mixer/target), as ./parley does.
        pb.environment()
                .put("PARLEY_HOME", Path.of("..").toAbsolutePath().normalize().toString());
        Process p = pb.start();
        ServerProcess server = new ServerProcess(p, out, err, httpPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.readString(out).contains("listening on http://")) {
                return server;
            }
            if (!p.isAlive()) {
                throw new AssertionError("server exited with " + p.exitValue() + ": " + Files.readString(err));
            }
            Thread.sleep(100);
        }
        server.kill9();
        throw new AssertionError("server did not start in 90 s: " + Files.readString(err));
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM, then the exit code (or -1 if it did not stop within 15 s and was killed). */
    int terminate() throws InterruptedException {
        process.destroy();
        if (process.waitFor(15, TimeUnit.SECONDS)) {
            return process.exitValue();
        }
        kill9();
        return -1;
    }

    String stdout() throws IOException {
        return Files.readString(out);
    }

    String stderr() throws IOException {
        return Files.readString(err);
    }

    String get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** The value of one series in {@code /metrics}, e.g. {@code parley_bindings_active}. */
    long metric(String series) throws Exception {
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(get("/metrics"));
        if (!m.find()) {
            return 0;
        }
        return (long) Double.parseDouble(m.group(1));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
