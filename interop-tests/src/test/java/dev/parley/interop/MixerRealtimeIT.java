package dev.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code parley server --mixer-realtime-priority N} reaches the mixer the server starts in its
 * own JVM: its media workers run SCHED_FIFO at N, as its log says and the kernel reports
 * (/proc/TID/stat, proc(5): field 40 rt_priority, field 41 policy, 1 being SCHED_FIFO).
 */
class MixerRealtimeIT {
    private static final Pattern FIFO_LINE = Pattern.compile("realtime: SCHED_FIFO priority 6 for (.*)");
    private static final Pattern TID = Pattern.compile("mixer-worker-\\S+ \\(tid (\\d+)\\)");

    @Test
    void theServersOwnMixerRunsItsWorkersInSchedFifo() throws Exception {
        assumeTrue(hasCapSysNice(), "the server needs CAP_SYS_NICE to hand on to its mixer");
        Path dir = Files.createTempDirectory("parley-realtime-it");
        try (ServerProcess server = ServerProcess.start(
                dir,
                Ports.free(),
                List.of(
                        "--data",
                        dir.resolve("data").toString(),
                        "--sip-listen",
                        "127.0.0.1:" + Ports.free(),
                        "--mixer-realtime-priority",
                        "6"))) {
            List<String> tids = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("data").resolve("mixer.log"))) {
                Matcher fifo = FIFO_LINE.matcher(line);
                if (fifo.find()) {
                    Matcher tid = TID.matcher(fifo.group(1));
                    while (tid.find()) {
                        tids.add(tid.group(1));
                    }
                }
            }
            assertThat(tids)
                    .as("the mixer's realtime line names its worker threads")
                    .isNotEmpty();
            for (String tid : tids) {
                String stat = Files.readString(Path.of("/proc", tid, "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                assertThat(fields[41 - 3]).as("policy of thread %s", tid).isEqualTo("1");
                assertThat(fields[40 - 3]).as("rt_priority of thread %s", tid).isEqualTo("6");
            }
        }
    }

    /** Whether this JVM has CAP_SYS_NICE (linux/capability.h: 23) in its effective set. */
    private static boolean hasCapSysNice() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                return new BigInteger(line.substring("CapEff:".length()).strip(), 16).testBit(23);
            }
        }
        return false;
    }
}
