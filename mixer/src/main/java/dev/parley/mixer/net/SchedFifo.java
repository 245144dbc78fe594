package dev.parley.mixer.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Structure;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Puts the calling thread in the SCHED_FIFO policy (sched(7)) through libc, by JNA. On Linux
 * {@code sched_setscheduler(0, ...)} applies to the calling thread only, not the process. The
 * kernel allows it with CAP_SYS_NICE, or up to RLIMIT_RTPRIO without.
 */
final class SchedFifo {
    /** {@code SCHED_FIFO} in linux/sched.h. */
    private static final int SCHED_FIFO = 1;
    /** {@code SYS_gettid} by architecture, as JNA names them. */
    private static final Map<String, Integer> SYS_GETTID = Map.of("x86-64", 186, "aarch64", 178);
    /** The errno values sched_setscheduler(2) documents. */
    private static final Map<Integer, String> ERRNO = Map.of(1, "EPERM", 3, "ESRCH", 22, "EINVAL");

    private SchedFifo() {}

    /** What one thread's attempt came to. */
    sealed interface Outcome {}

    /** The thread runs SCHED_FIFO; its kernel thread id when the architecture's gettid is known. */
    record Entered(OptionalLong tid) implements Outcome {}

    /** The kernel (or the platform) said no: {@code reason} names the errno. */
    record Refused(String reason) implements Outcome {}

    /** libc's two calls this needs. */
    interface LibC extends Library {
        int sched_setscheduler(int pid, int policy, SchedParam param) throws LastErrorException;

        long syscall(long number) throws LastErrorException;
    }

    /** {@code struct sched_param} (sched.h): one int. */
    @Structure.FieldOrder("sched_priority")
    public static final class SchedParam extends Structure {
        public int sched_priority;

        public SchedParam(int priority) {
            this.sched_priority = priority;
        }
    }

    /**
     * Moves the calling thread to SCHED_FIFO at {@code priority} (1-99). Never throws: whatever
     * keeps it from happening is a {@link Refused}.
     */
    static Outcome enter(int priority) {
        if (!Platform.isLinux()) {
            return new Refused("not Linux (" + System.getProperty("os.name") + ")");
        }
        LibC libc;
        try {
            libc = Native.load(Platform.C_LIBRARY_NAME, LibC.class);
            libc.sched_setscheduler(0, SCHED_FIFO, new SchedParam(priority));
        } catch (LastErrorException e) {
            // JNA's message is "[errno] strerror text".
            String text = String.valueOf(e.getMessage()).replaceFirst("^\\[\\d+\\] ", "");
            return new Refused(errnoName(e.getErrorCode()) + ", " + text);
        } catch (LinkageError | RuntimeException e) {
            return new Refused("libc's sched_setscheduler is out of reach through JNA: " + e);
        }
        Integer gettid = SYS_GETTID.get(Platform.ARCH);
        if (gettid == null) {
            return new Entered(OptionalLong.empty());
        }
        try {
            return new Entered(OptionalLong.of(libc.syscall(gettid)));
        } catch (LastErrorException e) {
            return new Entered(OptionalLong.empty());
        }
    }

    /** {@code EPERM} for 1, and so on; {@code errno N} for the ones sched_setscheduler does not document. */
    static String errnoName(int errno) {
        return ERRNO.getOrDefault(errno, "errno " + errno);
    }
}
