package dev.parley.proxy;

import dev.parley.proxy.config.ServerConfig;
import dev.parley.proxy.dns.ServerLocator;
import dev.parley.proxy.focus.Focus;
import dev.parley.proxy.focus.HostLeavePolicy;
import dev.parley.proxy.focus.RoomsJson;
import dev.parley.proxy.http.HttpEndpoint;
import dev.parley.proxy.metrics.Metrics;
import dev.parley.proxy.mixer.EmbeddedMixer;
import dev.parley.proxy.mixer.MediaAllocator;
import dev.parley.proxy.mixer.MixerEvents;
import dev.parley.proxy.mixer.MixerHttpAllocator;
import dev.parley.proxy.mixer.MixerUnavailableException;
import dev.parley.proxy.mixer.UnavailableMixer;
import dev.parley.proxy.sip.SipServer;
import dev.parley.proxy.sip.TlsSetup;
import dev.parley.proxy.tls.TlsCredentials;
import dev.parley.registrar.auth.Authenticator;
import dev.parley.registrar.auth.CachedHa1Lookup;
import dev.parley.registrar.auth.FailureThrottle;
import dev.parley.registrar.auth.ThrottlePolicy;
import dev.parley.registrar.digest.NonceCountTracker;
import dev.parley.registrar.digest.NonceMinter;
import dev.parley.registrar.location.Registrar;
import dev.parley.registrar.location.RegistrarPolicy;
import dev.parley.registrar.store.Account;
import dev.parley.registrar.store.AccountStore;
import dev.parley.registrar.store.BindingStore;
import dev.parley.registrar.store.Database;
import dev.parley.registrar.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code parley server} process: the store, the registrar core, the SIP edge, the HTTP
 * endpoint and the expiry sweep, started in that order and closed in reverse.
 */
public final class ParleyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParleyServer.class);
    /** How long an account's hashes are reused before the store is asked again (password changes). */
    static final Duration ACCOUNT_CACHE_TTL = Duration.ofSeconds(5);

    private final List<AutoCloseable> parts;
    private final List<String> listening;

    private ParleyServer(List<AutoCloseable> parts, List<String> listening) {
        this.parts = parts;
        this.listening = listening;
    }

    public static ParleyServer start(ServerConfig config, Clock clock) throws Exception {
        List<AutoCloseable> parts = new ArrayList<>();
        try {
            Database db = Database.open(config.jdbcUrl(), 8);
            parts.add(db);
            AccountStore accounts = new AccountStore(db);
            BindingStore bindings = new BindingStore(db);
            warnAboutOtherRealms(accounts, config.domain());
            Set<String> aliases = new HashSet<>();
            config.sipListen().forEach(hp -> aliases.add(hp.host()));
            Registrar registrar = new Registrar(new RegistrarPolicy(
                    config.domain(),
                    aliases,
                    config.minExpires(),
                    Duration.ofHours(1),
                    Duration.ofHours(2),
                    10,
                    config.flowTimer(),
                    config.udpFlowTimer()));
            Authenticator auth = new Authenticator(
                    config.domain(),
                    new NonceMinter(db.secret("nonce-key"), config.domain(), config.nonceLifetime()),
                    new NonceCountTracker(100_000),
                    new FailureThrottle(ThrottlePolicy.defaults()),
                    new CachedHa1Lookup(
                            user -> accounts.find(user)
                                    .filter(a -> a.realm().equals(config.domain()))
                                    .map(Account::ha1),
                            ACCOUNT_CACHE_TTL,
                            100_000,
                            clock));
            Metrics metrics = new Metrics(
                    () -> {
                        try {
                            return bindings.countLive(clock.instant());
                        } catch (StoreException e) {
                            return -1;
                        }
                    },
                    db::groupCommits,
                    db::groupUnits);
            MediaAllocator media = mixer(config, parts);
            Focus focus = new Focus(HostLeavePolicy.HAND_OVER, new SecureRandom()::nextInt);
            ServerLocator locator = ServerLocator.start(config.dnsServer());
            parts.add(locator);
            SipServer sip = SipServer.start(
                    config.sipListen(),
                    registrar,
                    auth,
                    accounts,
                    bindings,
                    metrics,
                    clock,
                    config.digestAlgorithms(),
                    focus,
                    media,
                    config.domain(),
                    config.ringTimeout(),
                    config.timerC(),
                    config.dialOutRingTime(),
                    config.proxyAuth(),
                    locator,
                    tls(config));
            parts.add(sip);
            if (media instanceof MixerHttpAllocator mixer) {
                parts.add(new MixerEvents(
                        mixer.base(),
                        mixer.token(),
                        (conference, endpoint, key) -> mixer.memberOf(endpoint).ifPresent(m -> sip.keyPressed(m, key)),
                        (conference, endpoint) -> mixer.memberOf(endpoint).ifPresent(sip::mediaTimedOut),
                        // The restarted mixer has no rooms: the first PUT of each gets 404 and makes it.
                        sip::mixerRestarted));
            }
            HttpEndpoint http = HttpEndpoint.start(
                    config.http(),
                    () -> healthy(db),
                    metrics::render,
                    () -> RoomsJson.write(focus.rooms(), config.domain()));
            parts.add(http);
            ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "binding-expiry");
                t.setDaemon(true);
                return t;
            });
            sweeper.scheduleWithFixedDelay(() -> sweep(bindings, clock), 10, 30, TimeUnit.SECONDS);
            parts.add(sweeper::shutdownNow);
            List<String> listening = new ArrayList<>(sip.listening());
            listening.add("http://" + http.address() + "/metrics and /health");
            LOG.info("store: {}", db.describe());
            return new ParleyServer(parts, listening);
        } catch (Exception e) {
            closeAll(parts);
            throw e;
        }
    }

    /**
     * SIP over TLS when {@code sip-tls} is set: the configured PEM certificate and key, else the
     * self-signed certificate under {@code data}/tls (made on the first start), in a key store
     * with a password of this start only. Its SHA-256 fingerprint is logged, to pin it in phones.
     */
    private static Optional<TlsSetup> tls(ServerConfig config) throws IOException {
        if (config.sipTls().isEmpty()) {
            return Optional.empty();
        }
        Path dir = config.data().resolve("tls");
        List<String> hosts = new ArrayList<>();
        config.sipTls().forEach(hp -> hosts.add(hp.host()));
        config.sipListen().forEach(hp -> hosts.add(hp.host()));
        TlsCredentials credentials = config.tlsCert().isPresent()
                ? TlsCredentials.fromPem(config.tlsCert().get(), config.tlsKey().orElseThrow())
                : TlsCredentials.selfSigned(
                        dir, config.domain(), hosts.stream().distinct().toList());
        byte[] secret = new byte[18];
        new SecureRandom().nextBytes(secret);
        String password = java.util.Base64.getEncoder().encodeToString(secret);
        Path keyStore = dir.resolve("keystore.p12");
        credentials.writeKeyStore(keyStore, password.toCharArray());
        LOG.info(
                "TLS certificate {} ({}), SHA-256 {}",
                credentials.certificate().getSubjectX500Principal().getName(),
                config.tlsCert()
                        .map(Path::toString)
                        .orElse(credentials.generated() ? "self-signed, made now" : "self-signed"),
                credentials.fingerprint());
        return Optional.of(new TlsSetup(config.sipTls(), keyStore, password));
    }

    /**
     * The mixer client: the configured daemon, or a mixer started in its own JVM that binds
     * media to the first SIP listener's address.
     */
    private static MediaAllocator mixer(ServerConfig config, List<AutoCloseable> parts) throws IOException {
        if (!config.mixers().isEmpty()) {
            Path tokenFile = config.mixerTokenFile().orElseThrow();
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8)
                    .strip()
                    .lines()
                    .findFirst()
                    .orElse("");
            LOG.info("mixer: {}", config.mixers().get(0));
            return new MixerHttpAllocator(config.mixers().get(0), token);
        }
        try {
            EmbeddedMixer embedded = EmbeddedMixer.start(
                    config.data(), config.sipListen().get(0).host(), "40000-49999", config.mixerRealtimePriority());
            parts.add(embedded);
            return new MixerHttpAllocator(embedded.control(), embedded.token());
        } catch (IOException | MixerUnavailableException e) {
            LOG.warn("no mixer: {}; meetings will be refused with 503 until the server restarts", e.getMessage());
            return new UnavailableMixer(String.valueOf(e.getMessage()));
        }
    }

    /** One line per listener, for the start-up message. */
    public List<String> listening() {
        return listening;
    }

    private static boolean healthy(Database db) {
        try {
            return db.transaction(c -> c.isValid(2));
        } catch (StoreException e) {
            return false;
        }
    }

    private static void sweep(BindingStore bindings, Clock clock) {
        try {
            int gone = bindings.purgeExpired(clock.instant());
            if (gone > 0) {
                LOG.info("expired {} binding{}", gone, gone == 1 ? "" : "s");
            }
        } catch (StoreException e) {
            LOG.warn("expiry sweep failed: {}", e.getMessage());
        }
    }

    private static void warnAboutOtherRealms(AccountStore accounts, String realm) throws StoreException {
        long other =
                accounts.list().stream().filter(a -> !a.realm().equals(realm)).count();
        if (other > 0) {
            LOG.warn(
                    "{} account(s) were made for another domain than {}: they cannot log in until"
                            + " 'parley user passwd' sets their password again",
                    other,
                    realm);
        }
    }

    @Override
    public void close() {
        closeAll(parts);
    }

    private static void closeAll(List<AutoCloseable> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) {
            try {
                parts.get(i).close();
            } catch (Exception e) {
                LOG.warn("while stopping: {}", e.toString());
            }
        }
        parts.clear();
    }
}
