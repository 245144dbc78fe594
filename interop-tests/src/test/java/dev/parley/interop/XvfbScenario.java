package dev.parley.interop;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a scenario class of this module's tests (a {@code main} that drives real agent windows) in
 * its own JVM on {@code ./parley}'s class path inside {@code xvfb-run}, which starts a private X
 * server of the given screen on a free display and stops it after. Its stdout and stderr go to
 * {@code scenario.out} and {@code scenario.err} in {@code dir}.
 */
final class XvfbScenario {
    private XvfbScenario() {}

    /** The scenario's stdout lines, once it ended (at most 90 s). {@code screen}: {@code WIDTHxHEIGHT}. */
    static List<String> run(Path dir, String screen, Class<?> scenario, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                "xvfb-run",
                "-a",
                "-s",
                "-screen 0 " + screen + "x24 -nolisten tcp",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                ConsoleAgent.classPath() + ":"
                        + Path.of("target", "test-classes").toAbsolutePath(),
                scenario.getName()));
        cmd.addAll(args);
        Files.createDirectories(dir);
        Path stdout = dir.resolve("scenario.out");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(stdout.toFile())
                .redirectError(dir.resolve("scenario.err").toFile())
                .start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(scenario.getSimpleName() + " did not end in 90 s: " + Files.readString(stdout));
        }
        return Files.readAllLines(stdout, StandardCharsets.UTF_8);
    }
}
