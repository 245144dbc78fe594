package dev.parley.proxy.sip;

import dev.parley.proxy.config.HostPort;
import dev.parley.proxy.dns.ServerLocator;
import dev.parley.proxy.focus.Focus;
import dev.parley.proxy.metrics.Metrics;
import dev.parley.proxy.mixer.MediaAllocator;
import dev.parley.proxy.routing.FlowToken;
import dev.parley.proxy.routing.OwnAddresses;
import dev.parley.registrar.auth.Authenticator;
import dev.parley.registrar.digest.DigestAlgorithm;
import dev.parley.registrar.location.Registrar;
import dev.parley.registrar.store.AccountStore;
import dev.parley.registrar.store.BindingStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ListeningPoint;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP edge: one jain-sip stack with a UDP and a TCP listening point per configured address,
 * its logging routed to SLF4J and its parser counted. It holds no policy: requests go to {@link
 * SipDispatcher}.
 */
public final class SipServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipServer.class);

    /** The largest SIP message taken, over UDP or TCP. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024;

    /** jain-sip's threads that parse and handle received messages, per UDP listener. */
    static final int SIP_THREADS = 8;

    private final SipStack stack;
    private final String stackName;
    private final ScheduledExecutorService delays;
    private final ExecutorService replies;
    private final List<String> listening;
    private final FocusService focus;
    private final FlowTracker flows;

    private SipServer(
            SipStack stack,
            String stackName,
            ScheduledExecutorService delays,
            ExecutorService replies,
            List<String> listening,
            FocusService focus,
            FlowTracker flows) {
        this.stack = stack;
        this.stackName = stackName;
        this.delays = delays;
        this.replies = replies;
        this.listening = List.copyOf(listening);
        this.focus = focus;
        this.flows = flows;
    }

    /** A key a meeting member pressed (from the mixer's events), for the focus's DTMF menu. */
    public void keyPressed(dev.parley.proxy.focus.MemberId member, char key) {
        focus.keyPressed(member, key);
    }

    /** A member whose media the mixer heard nothing from for its RTP timeout: the focus ends its call. */
    public void mediaTimedOut(dev.parley.proxy.focus.MemberId member) {
        focus.mediaTimedOut(member);
    }

    /** The mixer restarted and lost its rooms: the focus makes every member's media again. */
    public void mixerRestarted() {
        focus.mixerRestarted();
    }

    /** Starts listening on every address, UDP and TCP. */
    public static SipServer start(
            List<HostPort> listen,
            Registrar registrar,
            Authenticator auth,
            AccountStore accounts,
            BindingStore bindings,
            Metrics metrics,
            Clock clock,
            List<DigestAlgorithm> challenged,
            Focus focus,
            MediaAllocator media,
            String domain,
            Duration ringTimeout,
            Duration timerC,
            Duration dialOutRingTime,
            boolean proxyAuth,
            ServerLocator locator,
            Optional<TlsSetup> tls)
            throws Exception {
        String name = "parley-" + UUID.randomUUID();
        FlowTracker flows = new FlowTracker();
        StackHooks.register(name, metrics, flows);
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        SipStack stack = factory.createSipStack(properties(name, tls));
        ScheduledThreadPoolExecutor delays = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sip-delayed-responses");
            t.setDaemon(true);
            return t;
        });
        // Every proxied call schedules Timer C (three minutes) and cancels it on the final
        // response: a cancelled timer leaves the queue at once, not when it would have fired.
        delays.setRemoveOnCancelPolicy(true);
        // REGISTERs whose binding update the store committed are answered here, so that no SIP
        // thread waits for a commit (one per core: building and sending a 200 is all they do).
        AtomicInteger replyThreads = new AtomicInteger();
        ExecutorService replies =
                Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
                    Thread t = new Thread(r, "register-replies-" + replyThreads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        List<String> listening = new ArrayList<>();
        FocusService focusService;
        try {
            SipContext sip = new SipContext(
                    factory.createAddressFactory(), factory.createHeaderFactory(), factory.createMessageFactory());
            Responder responder = new Responder(delays);
            Set<String> hosts = new HashSet<>();
            listen.forEach(hp -> hosts.add(hp.host()));
            List<ListeningPoint[]> points = new ArrayList<>();
            List<String> addresses = new ArrayList<>();
            List<String> shown = new ArrayList<>();
            for (HostPort hp : listen) {
                ListeningPoint udp = stack.createListeningPoint(hp.host(), hp.port(), ListeningPoint.UDP);
                ListeningPoint tcp = stack.createListeningPoint(hp.host(), udp.getPort(), ListeningPoint.TCP);
                points.add(new ListeningPoint[] {udp, tcp});
                addresses.add(hp.host() + ":" + udp.getPort());
                shown.add(new HostPort(hp.host(), udp.getPort()).toString());
            }
            DigestChallenges challenges = new DigestChallenges(sip, auth, challenged);
            CallerAuthentication callers =
                    new CallerAuthentication(sip, responder, auth, challenges, domain, hosts, clock);
            focusService = new FocusService(
                    sip,
                    responder,
                    focus,
                    media,
                    domain,
                    hosts,
                    clock,
                    callers,
                    bindings,
                    flows,
                    locator,
                    delays,
                    dialOutRingTime);
            flows.onClose(flow -> {
                try {
                    replies.execute(() -> flowClosed(bindings, metrics, flows, flow));
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    // The server is stopping; the bindings stay as they are.
                }
            });
            delays.scheduleWithFixedDelay(focusService::tick, 5, 5, java.util.concurrent.TimeUnit.SECONDS);
            ProxyService proxy = new ProxyService(
                    sip,
                    responder,
                    new Forwarding(sip, new OwnAddresses(domain, addresses), new FlowToken(flowTokenKey())),
                    callers,
                    bindings,
                    accounts,
                    metrics,
                    clock,
                    delays,
                    new ProxyService.Settings(ringTimeout, timerC, proxyAuth),
                    locator,
                    (provider, tx, request) -> responder.send(provider, tx, SipDispatcher.options(sip, request)),
                    flows);
            SipDispatcher dispatcher = new SipDispatcher(
                    sip,
                    new RegisterService(sip, registrar, auth, bindings, metrics, responder, replies, clock, challenged),
                    focusService,
                    proxy,
                    responder,
                    metrics);
            List<SipProvider> providers = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                SipProvider provider = stack.createSipProvider(points.get(i)[0]);
                provider.addListeningPoint(points.get(i)[1]);
                provider.addSipListener(dispatcher);
                providers.add(provider);
                listening.add("sip:" + shown.get(i) + " (UDP, TCP)");
            }
            gov.nist.javax.sip.SipStackImpl impl = (gov.nist.javax.sip.SipStackImpl) stack;
            metrics.transactionTables(impl::getServerTransactionTableSize, impl::getClientTransactionTableSize);
            if (tls.isPresent()) {
                // jain-sip's own list is RFC 3261's TLS_RSA_WITH_AES_128_CBC_SHA era; take the
                // JDK's current defaults (ECDHE, AES-GCM, TLS 1.3 suites) instead.
                impl.setEnabledCipherSuites(javax.net.ssl.SSLContext.getDefault()
                        .getDefaultSSLParameters()
                        .getCipherSuites());
            }
            for (HostPort hp : tls.map(TlsSetup::listen).orElse(List.of())) {
                ListeningPoint point = stack.createListeningPoint(hp.host(), hp.port(), ListeningPoint.TLS);
                // With the UDP and TCP of the same address when that provider has no TLS yet.
                Optional<SipProvider> same = providers.stream()
                        .filter(p -> p.getListeningPoint(ListeningPoint.UDP)
                                        .getIPAddress()
                                        .equals(hp.host())
                                && p.getListeningPoint(ListeningPoint.TLS) == null)
                        .findFirst();
                if (same.isPresent()) {
                    same.get().addListeningPoint(point);
                } else {
                    SipProvider provider = stack.createSipProvider(point);
                    provider.addSipListener(dispatcher);
                    providers.add(provider);
                }
                listening.add("sips:" + new HostPort(hp.host(), point.getPort()) + " (TLS)");
            }
            stack.start();
        } catch (Exception | Error e) {
            stack.stop();
            delays.shutdownNow();
            replies.shutdownNow();
            StackHooks.unregister(name);
            throw e;
        }
        return new SipServer(stack, name, delays, replies, listening, focusService, flows);
    }

    /**
     * A phone's connection closed: the bindings that depended on it and have no SIP Outbound are
     * deleted (nothing reaches them any more; see {@link BindingStore#removeFlow}), and when any
     * binding depended on it, no new connection is opened to where it came from.
     */
    private static void flowClosed(
            BindingStore bindings, Metrics metrics, FlowTracker flows, dev.parley.registrar.location.Flow flow) {
        String what = flow.transport() + " " + flow.sourceHost() + ":" + flow.sourcePort();
        try {
            BindingStore.FlowRemoval removal = bindings.removeFlow(flow);
            if (removal.anyBound()) {
                flows.refuse(flow);
            }
            int dropped = removal.dropped();
            metrics.flowClosed(dropped);
            if (dropped > 0) {
                LOG.info("flow {} closed: {} binding{} dropped", what, dropped, dropped == 1 ? "" : "s");
            } else {
                LOG.debug("flow {} closed", what);
            }
        } catch (dev.parley.registrar.store.StoreException e) {
            metrics.storeError();
            LOG.warn("flow {} closed, bindings not dropped: {}", what, e.toString());
        }
    }

    /** A fresh key per process: flow tokens name connections, which do not outlive it either. */
    private static byte[] flowTokenKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    /** One description per listener, for the start-up lines. */
    public List<String> listening() {
        return listening;
    }

    private static Properties properties(String name, Optional<TlsSetup> tls) {
        Properties p = new Properties();
        tls.ifPresent(t -> {
            p.setProperty("javax.net.ssl.keyStore", t.keyStore().toString());
            p.setProperty("javax.net.ssl.keyStorePassword", t.password());
            p.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
            // Phones present no client certificate; the server's own is the trust store jain-sip
            // insists on.
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.3, TLSv1.2");
        });
        p.setProperty("javax.sip.STACK_NAME", name);
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("javax.sip.ROUTER_PATH", FlowRouter.class.getName());
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", CountingParserFactory.class.getName());
        // jain-sip's own listeners, whose TCP and TLS connections report to the FlowTracker.
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", FlowProcessorFactory.class.getName());
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        // Answer every request to the address and port it came from (RFC 3581 applied to all,
        // like a registrar behind NAT must): the Via sent-by port is often unreachable.
        p.setProperty("gov.nist.javax.sip.ALWAYS_ADD_RPORT", "true");
        // The largest datagram taken (FlowProcessorFactory receives into one buffer of this size
        // and queues each datagram as an exact copy). SIP over UDP stays well under the path MTU
        // (RFC 3261 §18.1.1); 16 KiB is also the largest message taken over TCP.
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", Integer.toString(MAX_MESSAGE_BYTES));
        // A datagram that waited longer than this for a thread is dropped: its sender has
        // retransmitted it by then (T1 = 500 ms), and answering the stale copy only adds load.
        p.setProperty("gov.nist.javax.sip.CONGESTION_CONTROL_TIMEOUT", "2000");
        p.setProperty("gov.nist.javax.sip.TIMER_CLASS_NAME", WheelSipTimer.class.getName());
        // Seconds a transaction stays after it ended, for late retransmissions (jain-sip's default
        // is 8): an INVITE's after its final response, whose caller a 100 Trying already stopped.
        p.setProperty("gov.nist.javax.sip.LINGER_TIMER", Long.toString(SipDispatcher.FINISHED_LINGER.toSeconds()));
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", Integer.toString(SIP_THREADS));
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", Integer.toString(4 << 20));
        p.setProperty("gov.nist.javax.sip.SEND_UDP_BUFFER_SIZE", Integer.toString(4 << 20));
        return p;
    }

    @Override
    public void close() {
        try {
            focus.close();
            flows.stopping();
            stack.stop();
        } finally {
            delays.shutdownNow();
            replies.shutdownNow();
            StackHooks.unregister(stackName);
            LOG.debug("SIP stack {} stopped", stackName);
        }
    }
}
