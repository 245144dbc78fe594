package dev.parley.proxy.cli;

import dev.parley.sdp.Origin;
import dev.parley.sdp.SdpParseException;
import dev.parley.sdp.SdpParser;
import dev.parley.sdp.SessionDescription;
import dev.parley.sdp.negotiation.AnswerParams;
import dev.parley.sdp.negotiation.LocalStream;
import dev.parley.sdp.negotiation.Negotiation;
import dev.parley.sdp.negotiation.OfferAnswer;
import dev.parley.sdp.negotiation.Profile;
import dev.parley.sdp.negotiation.Profiles;
import dev.parley.sdp.negotiation.StreamNegotiation;
import dev.parley.sdp.negotiation.StreamSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley sdp}: what Parley makes of an SDP body, without a call. The same parser and
 * offer/answer code the focus runs, so an engineer can see why a phone got 488 or 400.
 */
@Command(
        name = "parley sdp",
        mixinStandardHelpOptions = true,
        description = "Check SDP bodies and show Parley's answer to an offer.",
        subcommands = {SdpCommand.Check.class, SdpCommand.Answer.class, SdpCommand.ListProfiles.class})
public final class SdpCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SdpCommand()).execute(args));
    }

    /** The body in {@code file} (or stdin for {@code -}); empty after printing the 400 the server would send. */
    static Optional<SessionDescription> read(String file, PrintWriter err) throws IOException {
        byte[] body = file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
        try {
            return Optional.of(SdpParser.parse(body));
        } catch (SdpParseException e) {
            err.println("400 Bad Request: " + e.getMessage());
            return Optional.empty();
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = "Parse a body and print it back in RFC order.")
    static final class Check implements Callable<Integer> {
        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "SDP file, or - for standard input")
        String file = "-";

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Optional<SessionDescription> sdp = read(file, err);
            sdp.ifPresent(out::print);
            out.flush();
            return sdp.isPresent() ? 0 : 2;
        }
    }

    @Command(
            name = "answer",
            mixinStandardHelpOptions = true,
            description = "Negotiate an offer with a profile and print the answer (ports are illustrative).")
    static final class Answer implements Callable<Integer> {
        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "SDP offer file, or - for standard input")
        String file = "-";

        @Option(names = "--profile", description = "softphone-audio, desktop or mixer (default: ${DEFAULT-VALUE})")
        String profile = "mixer";

        @Option(names = "--address", description = "media address for the answer (default: ${DEFAULT-VALUE})")
        String address = "127.0.0.1";

        @Option(names = "--first-port", description = "port of the first accepted stream (default: ${DEFAULT-VALUE})")
        int firstPort = 40000;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Profile p = Profiles.byName(profile)
                    .orElseThrow(() -> new CommandLine.ParameterException(
                            spec.commandLine(), "unknown profile '" + profile + "'; see: parley sdp profiles"));
            Optional<SessionDescription> parsed = read(file, err);
            if (parsed.isEmpty()) {
                return 2;
            }
            SessionDescription offer = parsed.get();
            Negotiation n = OfferAnswer.negotiate(offer, p);
            if (!n.anyAccepted()) {
                err.println("488 Not Acceptable Here: " + n.refusalSummary());
                return 2;
            }
            Map<Integer, LocalStream> ports = new HashMap<>();
            int port = firstPort;
            for (StreamNegotiation s : n.accepted()) {
                ports.put(s.index(), LocalStream.port(port));
                port += 2;
            }
            out.print(n.answer(new AnswerParams(Origin.of("parley", 1, 1, address), "Parley", address, ports)));
            if (!n.refusalSummary().isEmpty()) {
                err.println("refused streams: " + n.refusalSummary());
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "profiles", mixinStandardHelpOptions = true, description = "List the named codec profiles.")
    static final class ListProfiles implements Callable<Integer> {
        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (Profile p : Profiles.all()) {
                out.println(p.name());
                for (StreamSpec s : p.streams()) {
                    String codecs = s.codecs().stream()
                            .map(c -> c.encoding() + "/" + c.clockRate() + (c.channels() > 1 ? "/" + c.channels() : ""))
                            .collect(Collectors.joining(" "));
                    out.printf(
                            "  %-15s %-22s %s%n",
                            s.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                            String.join(",", s.protocols()),
                            codecs);
                }
            }
            out.flush();
            return 0;
        }
    }
}
