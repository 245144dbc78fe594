package dev.parley.proxy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley conf list}: the live meetings of a running server, read from its {@code /conferences}. */
@Command(
        name = "parley conf",
        mixinStandardHelpOptions = true,
        description = "Show the meetings of a running parley server.",
        subcommands = {ConfCommand.ListRooms.class})
public final class ConfCommand implements Callable<Integer> {
    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ConfCommand()).execute(args));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Live meetings with their members.")
    static final class ListRooms implements Callable<Integer> {
        @Spec
        @SuppressWarnings("NullAway.Init")
        CommandSpec spec;

        @Option(
                names = "--http",
                paramLabel = "HOST:PORT",
                description = "the server's HTTP (default: ${DEFAULT-VALUE})")
        String http = "127.0.0.1:8080";

        @Option(names = "--json", description = "print the server's JSON as it is")
        boolean json;

        @Override
        public Integer call() throws IOException, InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            HttpResponse<String> r;
            try {
                r = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create("http://" + http + "/conferences"))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                err.println("parley conf: no server at http://" + http + " (" + e + "); is it running?");
                return 1;
            }
            if (r.statusCode() != 200) {
                err.println("parley conf: http://" + http + "/conferences answered " + r.statusCode());
                return 1;
            }
            if (json) {
                out.print(r.body());
                out.flush();
                return 0;
            }
            JsonNode rooms = new ObjectMapper().readTree(r.body()).path("conferences");
            if (rooms.isEmpty()) {
                out.println("no meetings");
            }
            for (JsonNode room : rooms) {
                out.printf(
                        "%s  %s  %d member%s%s%n",
                        room.path("id").asText(),
                        room.path("uri").asText(),
                        room.path("members").size(),
                        room.path("members").size() == 1 ? "" : "s",
                        room.path("locked").asBoolean() ? "  locked" : "");
                for (JsonNode m : room.path("members")) {
                    out.printf(
                            "    %-24s %-28s %s%s%n",
                            m.path("name").asText(),
                            m.path("uri").asText(),
                            m.path("role").asText(),
                            m.path("muted").asBoolean() ? ", muted" : "");
                }
            }
            out.flush();
            return 0;
        }
    }
}
