package dev.parley.mixer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --realtime-priority}: the real daemon's threads as the kernel reports them in
 * /proc/PID/task/TID/stat (proc(5): field 40 rt_priority, field 41 policy, 1 being SCHED_FIFO).
 */
@Timeout(60)
class RealtimeSchedulingTest {
    /** {@code SCHED_OTHER} and {@code SCHED_FIFO} in linux/sched.h. */
    private static final int SCHED_OTHER = 0;

    private static final int SCHED_FIFO = 1;
    /** {@code CAP_SYS_NICE} in linux/capability.h. */
    private static final int CAP_SYS_NICE = 23;

    @TempDir
    Path dir;

    @Test
    void theWorkersRunSchedFifoAtTheGivenPriorityAndNoOtherThreadDoes() throws Exception {
        assumeTrue(hasCapSysNice(), "the test JVM needs CAP_SYS_NICE to hand on to the daemon");
        try (MixerProcess mixer =
                MixerProcess.start(dir, System.getProperty("java.class.path"), List.of(), "--realtime-priority", "7")) {
            List<ThreadSched> threads = threads(mixer.process().pid());
            assertThat(workers(threads, true))
                    .hasSize(2)
                    .allSatisfy(t -> assertThat(t.policy()).as(t.name()).isEqualTo(SCHED_FIFO))
                    .allSatisfy(t -> assertThat(t.priority()).as(t.name()).isEqualTo(7));
            assertThat(workers(threads, false))
                    .hasSizeGreaterThan(5)
                    .allSatisfy(t -> assertThat(t.policy()).as(t.name()).isEqualTo(SCHED_OTHER));
            assertThat(mixer.log())
                    .anyMatch(line -> line.matches(".*realtime: SCHED_FIFO priority 7 for"
                            + " mixer-worker-\\S+ \\(tid \\d+\\), mixer-worker-\\S+ \\(tid \\d+\\)"));
            assertThat(mixer.body("GET", "/metrics", "")).contains("\nparley_mixer_realtime_threads 2\n");
        }
    }

    @Test
    void whereTheKernelRefusesTheWorkersRunNormallyAfterOneWarningThatSaysHowToAllowIt() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux)");
        // No RLIMIT_RTPRIO, and CAP_SYS_NICE out of the bounding set: sched_setscheduler gets EPERM.
        List<String> launcher = new ArrayList<>(List.of("prlimit", "--rtprio=0"));
        if (hasCapSysNice()) {
            launcher.addAll(List.of("setpriv", "--bounding-set", "-sys_nice", "--inh-caps", "-sys_nice", "--"));
        }
        try (MixerProcess mixer = MixerProcess.start(
                dir, launcher, System.getProperty("java.class.path"), List.of(), "--realtime-priority", "7")) {
            List<ThreadSched> threads = threads(mixer.process().pid());
            assertThat(workers(threads, true))
                    .hasSize(2)
                    .allSatisfy(t -> assertThat(t.policy()).as(t.name()).isEqualTo(SCHED_OTHER));
            assertThat(mixer.log().stream().filter(line -> line.contains("SCHED_FIFO priority 7 refused")))
                    .singleElement()
                    .asString()
                    .contains("EPERM", "setcap cap_sys_nice+ep", "LimitRTPRIO=7");
            assertThat(mixer.log()).noneMatch(line -> line.contains("realtime: SCHED_FIFO priority 7 for"));
            assertThat(mixer.body("GET", "/metrics", "")).contains("\nparley_mixer_realtime_threads 0\n");
        }
    }

    /** One thread's name and scheduling, from /proc/PID/task/TID/stat. */
    record ThreadSched(String name, int policy, int priority) {}

    private static List<ThreadSched> workers(List<ThreadSched> threads, boolean worker) {
        return threads.stream()
                .filter(t -> t.name().startsWith("mixer-worker") == worker)
                .toList();
    }

    private static List<ThreadSched> threads(long pid) throws IOException {
        List<ThreadSched> out = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String stat = Files.readString(task.resolve("stat"));
                // "TID (COMM) STATE ...": the name may hold spaces and parentheses; fields 3 on follow the last ')'.
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                out.add(new ThreadSched(name, Integer.parseInt(fields[41 - 3]), Integer.parseInt(fields[40 - 3])));
            }
        }
        return out;
    }

    private static boolean hasCapSysNice() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                return new BigInteger(line.substring("CapEff:".length()).strip(), 16).testBit(CAP_SYS_NICE);
            }
        }
        return false;
    }
}
