package dev.parley.proxy.metrics;

import dev.parley.registrar.auth.AuthFailure;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The server's counters, rendered in the Prometheus text exposition format (version 0.0.4).
 * Counters are lock-free adders; the active-bindings gauge is read from the store at scrape time.
 */
public final class Metrics {
    private final LongAdder[] drops = adders(DropReason.values().length);
    private final LongAdder[] authFailures = adders(AuthFailure.values().length);
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> registerResponses = new ConcurrentHashMap<>();
    private final LongAdder storeErrors = new LongAdder();
    private final LongAdder flowsClosed = new LongAdder();
    private final LongAdder stunAnswered = new LongAdder();
    private final LongAdder flowBindingsDropped = new LongAdder();
    private final Histogram registerSeconds = new Histogram();
    private final LongSupplier activeBindings;
    private final LongSupplier storeCommits;
    private final LongSupplier storeCommittedUnits;
    private final LongAdder callsForwarded = new LongAdder();
    private final LongAdder[] proxyFinals = adders(7);
    private final java.util.concurrent.atomic.AtomicLong proxyActive = new java.util.concurrent.atomic.AtomicLong();
    private volatile LongSupplier serverTransactions = () -> 0;
    private volatile LongSupplier clientTransactions = () -> 0;

    public Metrics(LongSupplier activeBindings) {
        this(activeBindings, () -> 0, () -> 0);
    }

    /**
     * With the store's group-commit counters: commits, and the binding updates they carried (their
     * ratio is the mean number of REGISTERs sharing a commit).
     */
    public Metrics(LongSupplier activeBindings, LongSupplier storeCommits, LongSupplier storeCommittedUnits) {
        this.activeBindings = activeBindings;
        this.storeCommits = storeCommits;
        this.storeCommittedUnits = storeCommittedUnits;
    }

    /** An INVITE forwarded to at least one contact (RFC 3261 §16.6). */
    public void callForwarded() {
        callsForwarded.increment();
    }

    /** A final response a proxied request got upstream, counted by class (2xx..6xx). */
    public void proxyFinal(int status) {
        proxyFinals[Math.min(6, Math.max(0, status / 100))].increment();
    }

    /** A proxied request started (+1) or finished with every branch done (-1). */
    public void proxyActive(int delta) {
        proxyActive.addAndGet(delta);
    }

    /**
     * The SIP stack's transaction tables, read at each scrape: once the stack exists, it reports
     * its sizes here.
     */
    public void transactionTables(LongSupplier server, LongSupplier client) {
        this.serverTransactions = server;
        this.clientTransactions = client;
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    public void dropped(DropReason reason) {
        drops[reason.ordinal()].increment();
    }

    public long droppedCount(DropReason reason) {
        return drops[reason.ordinal()].sum();
    }

    public void authFailed(AuthFailure reason) {
        authFailures[reason.ordinal()].increment();
    }

    public void request(String method) {
        String m = method.length() > 20 ? "OTHER" : method.toUpperCase(Locale.ROOT);
        requests.computeIfAbsent(requests.size() > 32 && !requests.containsKey(m) ? "OTHER" : m, k -> new LongAdder())
                .increment();
    }

    /** One REGISTER answered with {@code status}, {@code nanos} after it arrived. */
    public void registerAnswered(int status, long nanos) {
        registerResponses.computeIfAbsent(status, k -> new LongAdder()).increment();
        registerSeconds.observeNanos(nanos);
    }

    /** A phone's TCP or TLS connection closed, and {@code bindingsDropped} bindings with it. */
    public void flowClosed(int bindingsDropped) {
        flowsClosed.increment();
        flowBindingsDropped.add(bindingsDropped);
    }

    /** A STUN Binding request (RFC 5626 §4.4.2 keep-alive) answered on a UDP SIP port. */
    public void stunAnswered() {
        stunAnswered.increment();
    }

    public void storeError() {
        storeErrors.increment();
    }

    /** The whole exposition. */
    public String render() {
        StringBuilder out = new StringBuilder(4096);
        header(out, "parley_bindings_active", "gauge", "Registered contacts that have not expired.");
        out.append("parley_bindings_active ").append(activeBindings.getAsLong()).append('\n');
        header(out, "parley_sip_requests_total", "counter", "SIP requests received, by method.");
        requests.forEach((m, n) -> line(out, "parley_sip_requests_total", "method", m, n.sum()));
        header(out, "parley_register_responses_total", "counter", "REGISTER requests answered, by status code.");
        registerResponses.forEach(
                (s, n) -> line(out, "parley_register_responses_total", "status", s.toString(), n.sum()));
        header(out, "parley_auth_failures_total", "counter", "Requests that did not authenticate, by reason.");
        for (AuthFailure r : AuthFailure.values()) {
            line(out, "parley_auth_failures_total", "reason", lower(r.name()), authFailures[r.ordinal()].sum());
        }
        header(out, "parley_sip_dropped_total", "counter", "Incoming SIP messages dropped or refused by the stack.");
        for (DropReason r : DropReason.values()) {
            line(out, "parley_sip_dropped_total", "reason", lower(r.name()), drops[r.ordinal()].sum());
        }
        header(out, "parley_flows_closed_total", "counter", "TCP and TLS connections from phones that closed.");
        out.append("parley_flows_closed_total ").append(flowsClosed.sum()).append('\n');
        header(
                out,
                "parley_flow_bindings_dropped_total",
                "counter",
                "Bindings without SIP Outbound dropped because their connection closed.");
        out.append("parley_flow_bindings_dropped_total ")
                .append(flowBindingsDropped.sum())
                .append('\n');
        header(out, "parley_stun_keepalives_total", "counter", "STUN keep-alives answered on UDP SIP ports.");
        out.append("parley_stun_keepalives_total ").append(stunAnswered.sum()).append('\n');
        header(out, "parley_store_errors_total", "counter", "Database operations that failed.");
        out.append("parley_store_errors_total ").append(storeErrors.sum()).append('\n');
        header(out, "parley_store_group_commits_total", "counter", "Commits of binding updates (group commit).");
        out.append("parley_store_group_commits_total ")
                .append(storeCommits.getAsLong())
                .append('\n');
        header(out, "parley_store_group_units_total", "counter", "Binding updates carried by those commits.");
        out.append("parley_store_group_units_total ")
                .append(storeCommittedUnits.getAsLong())
                .append('\n');
        header(
                out,
                "parley_proxy_calls_forwarded_total",
                "counter",
                "INVITEs the proxy forwarded to a user's contacts.");
        out.append("parley_proxy_calls_forwarded_total ")
                .append(callsForwarded.sum())
                .append('\n');
        header(out, "parley_proxy_final_responses_total", "counter", "Final responses to proxied requests, by class.");
        for (int c = 2; c <= 6; c++) {
            line(out, "parley_proxy_final_responses_total", "class", c + "xx", proxyFinals[c].sum());
        }
        header(out, "parley_proxy_transactions_active", "gauge", "Proxied requests with a branch still open.");
        out.append("parley_proxy_transactions_active ")
                .append(proxyActive.get())
                .append('\n');
        header(
                out,
                "parley_sip_transactions",
                "gauge",
                "SIP transactions the stack holds, completed ones included until their linger ends.");
        line(out, "parley_sip_transactions", "side", "server", serverTransactions.getAsLong());
        line(out, "parley_sip_transactions", "side", "client", clientTransactions.getAsLong());
        registerSeconds.render(
                out, "parley_register_duration_seconds", "Time from a REGISTER's arrival to its response.");
        return out.toString();
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static void header(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void line(StringBuilder out, String name, String label, String value, long n) {
        out.append(name)
                .append('{')
                .append(label)
                .append("=\"")
                .append(value)
                .append("\"} ")
                .append(n)
                .append('\n');
    }
}
