package dev.parley.mixer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real mixer daemon ({@link MixerCommand}) in a child JVM on 127.0.0.1, and its control API
 * with a bearer token: what the daemon-level tests start and talk to.
 */
final class MixerProcess implements AutoCloseable {
    static final String TOKEN = "loopback-token";
    private static final Pattern LISTENING = Pattern.compile("mixer listening: control=127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path output;
    private final int control;
    private final String listening;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private MixerProcess(Process process, Path output, int control, String listening) {
        this.process = process;
        this.output = output;
        this.control = control;
        this.listening = listening;
    }

    /** The daemon with this test's class path, {@code --io io} and two workers. */
    static MixerProcess start(Path dir, String io) throws IOException, InterruptedException {
        return start(dir, System.getProperty("java.class.path"), List.of(), "--io", io);
    }

    /**
     * The daemon on {@code classPath}, with extra JVM options and mixer options; returns once its
     * "mixer listening" line is out.
     */
    static MixerProcess start(Path dir, String classPath, List<String> jvmOptions, String... options)
            throws IOException, InterruptedException {
        return start(dir, List.of(), classPath, jvmOptions, options);
    }

    /**
     * The daemon as above, its java command run by {@code launcher} (e.g. {@code setpriv} with its
     * options); an empty launcher runs java itself.
     */
    static MixerProcess start(
            Path dir, List<String> launcher, String classPath, List<String> jvmOptions, String... options)
            throws IOException, InterruptedException {
        Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        Path output = dir.resolve("daemon.log");
        List<String> command = new ArrayList<>(launcher);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp",
                classPath,
                MixerCommand.class.getName(),
                "--control",
                "127.0.0.1:0",
                "--rtp-bind",
                "127.0.0.1",
                "--rtp-ports",
                "43000-43999",
                "--token-file",
                token.toString(),
                "--workers",
                "2"));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(output)) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    return new MixerProcess(process, output, Integer.parseInt(m.group(1)), line);
                }
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("daemon did not start; its output: " + Files.readAllLines(output));
    }

    Process process() {
        return process;
    }

    /** The start-up line: control address, ports, workers, io, opus. */
    String listening() {
        return listening;
    }

    List<String> log() throws IOException {
        return Files.readAllLines(output);
    }

    int call(String method, String path, String body) throws IOException, InterruptedException {
        return exchange(method, path, body).statusCode();
    }

    /** The answer's body, after checking it is a 200 or 201. */
    String body(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = exchange(method, path, body);
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return response.body();
    }

    private HttpResponse<String> exchange(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN)
                .method(
                        method,
                        body.isEmpty()
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
