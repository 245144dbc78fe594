package dev.parley.proxy.dns;

import dev.parley.proxy.config.HostPort;
import dev.parley.proxy.routing.NextHop;
import dev.parley.proxy.routing.ServerSelection;
import dev.parley.proxy.routing.ServerSelection.Naptr;
import dev.parley.proxy.routing.ServerSelection.Srv;
import dev.parley.proxy.routing.ServerSelection.SrvQuery;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.lookup.LookupSession;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;

/**
 * Locating SIP servers (RFC 3263 §4) with dnsjava: NAPTR, then SRV, then A/AAAA (the hosts file
 * first, as the system resolver does), answers cached for their TTL. A lookup runs on one of a few {@code dns} threads, never on a SIP thread; a DNS
 * server that does not answer costs that thread {@link #TIMEOUT} per query.
 */
public final class ServerLocator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("proxy");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final LookupSession session;
    private final ExecutorService threads;
    private final SecureRandom random = new SecureRandom();
    private final String server;

    private ServerLocator(LookupSession session, ExecutorService threads, String server) {
        this.session = session;
        this.threads = threads;
        this.server = server;
    }

    /** A locator asking {@code server}, or the system's resolvers (/etc/resolv.conf) when empty. */
    public static ServerLocator start(Optional<HostPort> server) {
        Resolver resolver = server.<Resolver>map(hp -> new SimpleResolver(new InetSocketAddress(hp.host(), hp.port())))
                .orElseGet(ExtendedResolver::new);
        resolver.setTimeout(TIMEOUT);
        LookupSession session = LookupSession.builder()
                .resolver(resolver)
                .cache(new Cache(DClass.IN))
                .defaultHostsFileParser()
                .build();
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "dns-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return new ServerLocator(
                session, threads, server.map(HostPort::toString).orElse("system resolver"));
    }

    /** Where lookups go, for the start-up line. */
    public String server() {
        return server;
    }

    /**
     * The servers to try for a SIP URI's host, in order (§4.1, §4.2): {@code port} is the URI's
     * port or -1, {@code transport} its transport parameter. Empty when DNS knows none.
     */
    public CompletableFuture<List<NextHop>> locate(String host, int port, Optional<String> transport, boolean sips) {
        return CompletableFuture.supplyAsync(() -> hops(host, port, transport, sips), threads);
    }

    private List<NextHop> hops(String host, int port, Optional<String> transport, boolean sips) {
        String t = transport.map(s -> s.toUpperCase(java.util.Locale.ROOT)).orElse(sips ? "TLS" : "UDP");
        if (ServerSelection.isAddress(host)) {
            String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return List.of(new NextHop(bare, port > 0 ? port : ServerSelection.defaultPort(t), t));
        }
        if (port > 0) {
            return addresses(host, port, t);
        }
        List<SrvQuery> queries = List.of();
        if (transport.isEmpty()) {
            List<Naptr> naptrs = new ArrayList<>();
            for (Record r : query(host, Type.NAPTR)) {
                NAPTRRecord n = (NAPTRRecord) r;
                naptrs.add(new Naptr(
                        n.getOrder(),
                        n.getPreference(),
                        n.getFlags(),
                        n.getService(),
                        n.getReplacement().toString()));
            }
            queries = ServerSelection.fromNaptr(naptrs, sips);
        }
        if (queries.isEmpty()) {
            queries = ServerSelection.srvNames(host, transport, sips);
        }
        List<NextHop> out = new ArrayList<>();
        for (SrvQuery q : queries) {
            List<Srv> records = new ArrayList<>();
            for (Record r : query(q.name(), Type.SRV)) {
                SRVRecord s = (SRVRecord) r;
                records.add(new Srv(
                        s.getPriority(),
                        s.getWeight(),
                        s.getPort(),
                        s.getTarget().toString()));
            }
            for (Srv s : ServerSelection.order(records, bound -> random.nextInt(bound + 1))) {
                out.addAll(addresses(s.target(), s.port(), q.transport()));
            }
        }
        if (out.isEmpty()) {
            // §4.2: no SRV records: the host's addresses on the transport's default port.
            out.addAll(addresses(host, ServerSelection.defaultPort(t), t));
        }
        return List.copyOf(out);
    }

    private List<NextHop> addresses(String host, int port, String transport) {
        List<NextHop> out = new ArrayList<>();
        for (Record r : query(host, Type.A)) {
            out.add(new NextHop(((ARecord) r).getAddress().getHostAddress(), port, transport));
        }
        for (Record r : query(host, Type.AAAA)) {
            out.add(new NextHop(((AAAARecord) r).getAddress().getHostAddress(), port, transport));
        }
        return out;
    }

    /** The records of one query; none when the name or the type does not exist or DNS failed. */
    private List<Record> query(String name, int type) {
        try {
            return session.lookupAsync(Name.fromString(name, Name.root), type)
                    .toCompletableFuture()
                    .get(TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS)
                    .getRecords();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof NoSuchDomainException) && !(e.getCause() instanceof NoSuchRRSetException)) {
                LOG.debug("DNS {} {}: {}", Type.string(type), name, String.valueOf(e.getCause()));
            }
        } catch (TextParseException | TimeoutException e) {
            LOG.debug("DNS {} {}: {}", Type.string(type), name, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
