package dev.parley.mixer.audio;

import club.minnced.opus.util.OpusLibrary;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tomp2p.opuswrapper.Opus;

/**
 * Which Opus the mixer runs, and the settings both share. Opus in RTP (RFC 7587) always has a
 * 48 kHz RTP clock (§4.1), whatever the audio bandwidth; the mixer hears and speaks it as
 * wideband, 16 kHz. Native libopus is preferred, through opus-java's JNA binding: the system's
 * (Debian's libopus0, which gets the distribution's security fixes), else the copy opus-java
 * bundles (libopus 1.1.2, for hosts without one). When neither loads, concentus, pure Java, at
 * about 5 to 10 times the CPU per participant (bench/ {@code OpusCodecBenchmark}).
 *
 * <p>A native library belongs to the whole process, so the load is tried once per JVM, on first
 * use; each {@link OpusCodecs} then makes codecs of the kind it was asked for.
 */
public final class OpusCodecs {
    /** RFC 7587 §4.1. */
    public static final int RTP_CLOCK = 48_000;
    /** Bits per second of the encoded mix: plenty for wideband speech. */
    static final int BITRATE = 32_000;
    /**
     * Encoder complexity (0-10, libopus's default 10): 5 halves concentus's encoding time per
     * frame for a loss in quality a conference mix does not notice (libopus's VoIP guidance for
     * constrained CPUs); the mixer encodes once per Opus listener every 20 ms.
     */
    static final int COMPLEXITY = 5;

    /** What the mixer is asked to use: {@code --opus}. */
    public enum Choice {
        /** libopus when it loads, else concentus. */
        AUTO,
        /** libopus, or refuse to start. */
        LIBOPUS,
        /** concentus even where libopus loads (to compare them). */
        CONCENTUS;

        public static Choice parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("opus must be auto, libopus or concentus, got '" + value + "'", e);
            }
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One of opus-java's loaders: true when it loaded the library now. */
    private interface Loader {
        boolean load() throws IOException;
    }

    /** The result of the one load: the library and its version, or why it did not load. */
    private record Native(@Nullable Opus lib, String description) {}

    private static final class Loaded {
        static final Native NATIVE = load();
    }

    private final @Nullable Opus lib;
    private final String description;

    private OpusCodecs(@Nullable Opus lib, String description) {
        this.lib = lib;
        this.description = description;
    }

    /**
     * The Opus for {@code choice}.
     *
     * @throws IllegalStateException when libopus was required and did not load
     */
    public static OpusCodecs of(Choice choice) {
        if (choice == Choice.CONCENTUS) {
            return concentus("asked for");
        }
        Native loaded = Loaded.NATIVE;
        if (loaded.lib() != null) {
            return new OpusCodecs(loaded.lib(), loaded.description());
        }
        if (choice == Choice.LIBOPUS) {
            throw new IllegalStateException("libopus did not load: " + loaded.description());
        }
        return concentus("libopus did not load: " + loaded.description());
    }

    private static OpusCodecs concentus(String why) {
        return new OpusCodecs(null, "concentus (pure Java; " + why + ")");
    }

    /** A codec for one endpoint. */
    public AudioCodec create() {
        Opus native_ = lib;
        return native_ != null ? new LibopusCodec(native_) : new ConcentusOpusCodec();
    }

    /** True when the codecs are native libopus. */
    public boolean isNative() {
        return lib != null;
    }

    /** {@code libopus} or {@code concentus}: the label /metrics and the start-up line show. */
    public String implementation() {
        return lib != null ? "libopus" : "concentus";
    }

    /** One line for the log: the implementation, its version and where it came from, or why not native. */
    public String description() {
        return description;
    }

    private static Native load() {
        Optional<String> system = systemLibrary();
        Native found = system.isPresent()
                ? attempt(() -> OpusLibrary.loadFrom(system.get()), "system " + system.get())
                : new Native(null, "no system libopus");
        if (found.lib() != null) {
            return found;
        }
        Native bundled = attempt(OpusLibrary::loadFromJar, "bundled with opus-java");
        return bundled.lib() != null ? bundled : new Native(null, found.description() + "; " + bundled.description());
    }

    /** The system's libopus (JNA's search: the linker's paths, {@code libopus.so.0} and the like). */
    private static Optional<String> systemLibrary() {
        try {
            return Optional.of(NativeLibrary.getInstance("opus").getFile().getAbsolutePath());
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Loads through {@code loader} and proves the library works (its version, an encoder and a
     * decoder made and freed); the library, or why not. {@code LinkageError} is caught on
     * purpose: a missing or foreign library must leave the mixer on concentus, not stop it.
     */
    private static Native attempt(Loader loader, String where) {
        try {
            boolean first = loader.load();
            if (!first) {
                throw new IllegalStateException("a libopus was loaded already");
            }
            Opus lib = Opus.INSTANCE;
            String version = lib.opus_get_version_string();
            // opus-java names the file it loaded in opus.lib.
            LibopusFrames.bind(java.util.Objects.requireNonNull(System.getProperty("opus.lib"), "opus.lib"));
            new LibopusCodec(lib).close();
            return new Native(lib, version + " (native, " + where + ")");
        } catch (IOException | LinkageError | RuntimeException e) {
            return new Native(null, where + ": " + e);
        }
    }
}
