package dev.parley.ua.control.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** A child process's stdout, line by line, kept so that a test can wait for a line and look back. */
final class ProcessLines {
    private final List<String> lines = new ArrayList<>();

    ProcessLines(Process process, String name) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line; (line = r.readLine()) != null; ) {
                            synchronized (this) {
                                lines.add(line);
                                notifyAll();
                            }
                        }
                    } catch (IOException e) {
                        // the process is gone
                    }
                },
                name + "-stdout");
        t.setDaemon(true);
        t.start();
    }

    /** Lines so far. */
    synchronized List<String> all() {
        return new ArrayList<>(lines);
    }

    /** Lines from index {@code from} on. */
    synchronized List<String> since(int from) {
        return new ArrayList<>(lines.subList(Math.min(from, lines.size()), lines.size()));
    }

    synchronized int size() {
        return lines.size();
    }

    /** The first line from index {@code from} on that matches, waiting up to {@code timeout}. */
    synchronized Optional<String> await(int from, Predicate<String> match, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int i = from;
        while (true) {
            for (; i < lines.size(); i++) {
                if (match.test(lines.get(i))) {
                    return Optional.of(lines.get(i));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
