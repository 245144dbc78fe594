package dev.parley.interop;

import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import gov.nist.javax.sip.clientauthutils.UserCredentials;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A SIP user agent for tests, on jain-sip over UDP: registers, sends INVITE (and ACKs the 200),
 * CANCEL, INFO, BYE and SUBSCRIBE through the server under test as outbound proxy. It rings
 * (180) on an incoming INVITE until the test answers it or a CANCEL ends it with 487, answers
 * every other request with 200, and keeps what it received for the test to read.
 */
final class SipTestAgent implements SipListener, AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    final String user;
    final String displayName;
    final String domain;
    final int port;
    private final SipStack stack;
    private final SipProvider provider;
    private final AddressFactory addresses;
    private final HeaderFactory headers;
    private final MessageFactory messages;
    private final AtomicLong cseq = new AtomicLong(1);
    /** Every response received, in order; waiting reads scan it. Guarded by itself. */
    private final List<ResponseEvent> responses = new ArrayList<>();
    /** INVITEs this agent is ringing for (180 sent, no final yet), by Call-ID. */
    private final Map<String, Ringing> ringing = new ConcurrentHashMap<>();

    private record Ringing(ServerTransaction tx, String tag) {}

    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();
    private volatile boolean silent;
    private volatile boolean answersPastCancel;
    /** The {@link #refused} entry of a method this agent never answers. */
    private static final int UNANSWERED = 0;

    /** Methods this agent refuses, with the status it answers them (none by default). */
    private final Map<String, Integer> refused = new ConcurrentHashMap<>();

    private SipTestAgent(String user, String displayName, String domain, int port, SipStack stack, SipProvider provider)
            throws Exception {
        this.user = user;
        this.displayName = displayName;
        this.domain = domain;
        this.port = port;
        this.stack = stack;
        this.provider = provider;
        SipFactory f = SipFactory.getInstance();
        this.addresses = f.createAddressFactory();
        this.headers = f.createHeaderFactory();
        this.messages = f.createMessageFactory();
    }

    /** An agent for {@code sip:user@domain} that sends everything to {@code server} (host:port). */
    static SipTestAgent start(String user, String displayName, String domain, String server) throws Exception {
        return start(user, displayName, domain, server, false);
    }

    /** Like the above; with {@code tcp} the agent also listens on TCP, same port (a server found by DNS). */
    static SipTestAgent start(String user, String displayName, String domain, String server, boolean tcp)
            throws Exception {
        return start(user, displayName, domain, server, tcp, true);
    }

    /**
     * An agent on UDP and TCP that keeps no dialogs, as a server of a domain that is not the
     * phone: a BYE for a dialog it never saw reaches the test (and its {@link #refuse} answer)
     * instead of jain-sip's own 481.
     */
    static SipTestAgent startWithoutDialogs(String user, String domain, String server) throws Exception {
        return start(user, user, domain, server, true, false);
    }

    private static SipTestAgent start(
            String user, String displayName, String domain, String server, boolean tcp, boolean dialogs)
            throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "agent-" + user + "-" + UUID.randomUUID());
        p.setProperty("javax.sip.OUTBOUND_PROXY", server + "/udp");
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", dialogs ? "on" : "off");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", "dev.parley.proxy.sip.Slf4jStackLogger");
        SipStack stack = factory.createSipStack(p);
        ListeningPoint lp = stack.createListeningPoint("127.0.0.1", port, ListeningPoint.UDP);
        SipProvider provider = stack.createSipProvider(lp);
        if (tcp) {
            provider.addListeningPoint(stack.createListeningPoint("127.0.0.1", port, ListeningPoint.TCP));
        }
        SipTestAgent agent = new SipTestAgent(user, displayName, domain, port, stack, provider);
        provider.addSipListener(agent);
        stack.start();
        return agent;
    }

    private UserCredentials credentials(ClientTransaction challenged, String realm) {
        return new UserCredentials() {
            @Override
            public String getUserName() {
                return user;
            }

            @Override
            public String getPassword() {
                return password(user);
            }

            @Override
            public String getSipDomain() {
                return realm;
            }
        };
    }

    /** The password FocusIT gives each test user. */
    static String password(String user) {
        return "pw-" + user;
    }

    String aor() {
        return "sip:" + user + "@" + domain;
    }

    /** A request outside any dialog, from this agent to {@code uri}. */
    Request request(String method, String uri) throws Exception {
        return request(method, uri, uri);
    }

    /** A request outside any dialog to {@code uri} with {@code toUri} in To (a REGISTER's AOR). */
    Request request(String method, String uri, String toUri) throws Exception {
        Address from = addresses.createAddress(displayName, addresses.createURI(aor()));
        Address to = addresses.createAddress(addresses.createURI(toUri));
        List<ViaHeader> via = new ArrayList<>();
        via.add(headers.createViaHeader("127.0.0.1", port, "udp", null));
        Request r = messages.createRequest(
                addresses.createURI(uri),
                method,
                provider.getNewCallId(),
                headers.createCSeqHeader(cseq.getAndIncrement(), method),
                headers.createFromHeader(from, UUID.randomUUID().toString().substring(0, 8)),
                headers.createToHeader(to, null),
                via,
                headers.createMaxForwardsHeader(70));
        r.addHeader(headers.createContactHeader(addresses.createAddress(addresses.createURI(contact()))));
        return r;
    }

    /** The SDP of this agent's last INVITE, the answer it gives to a re-INVITE's offer. */
    private volatile String lastOffer = "";

    /** Sends INVITE with an SDP offer; on 2xx sends the ACK. Returns the final response. */
    Response invite(String uri, String sdp) throws Exception {
        return invite(uri, sdp, Map.of());
    }

    /**
     * Like {@link #invite(String, String)}, with a Contact header parameter without value, such
     * as an RFC 3840 feature tag.
     */
    Response inviteWithContactFlag(String uri, String sdp, String flag) throws Exception {
        Request invite = request(Request.INVITE, uri);
        ((ContactHeader) invite.getHeader(ContactHeader.NAME)).setParameter(flag, null);
        return invite(invite, sdp, Map.of());
    }

    /** Like {@link #invite(String, String)}, with extra header fields (name to value). */
    Response invite(String uri, String sdp, Map<String, String> extra) throws Exception {
        return invite(request(Request.INVITE, uri), sdp, extra);
    }

    private Response invite(Request invite, String sdp, Map<String, String> extra) throws Exception {
        if (!sdp.isEmpty()) {
            lastOffer = sdp;
        }
        for (Map.Entry<String, String> h : extra.entrySet()) {
            invite.addHeader(headers.createHeader(h.getKey(), h.getValue()));
        }
        if (!sdp.isEmpty()) {
            invite.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
        }
        ResponseEvent done = send(invite);
        Response r = done.getResponse();
        if (r.getStatusCode() / 100 == 2) {
            Dialog d = done.getDialog();
            long n = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
            d.sendAck(d.createAck(n));
        }
        return r;
    }

    /**
     * Sends an INVITE without SDP (a late offer); on 2xx sends the ACK with the answer that
     * {@code answer} makes from the 200's offer (no body when it returns ""). Returns the 200.
     */
    Response inviteLate(String uri, java.util.function.Function<Response, String> answer) throws Exception {
        ResponseEvent done = send(request(Request.INVITE, uri));
        Response r = done.getResponse();
        if (r.getStatusCode() / 100 == 2) {
            Dialog d = done.getDialog();
            Request ack = d.createAck(((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber());
            String sdp = answer.apply(r);
            if (!sdp.isEmpty()) {
                ack.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
            }
            d.sendAck(ack);
        }
        return r;
    }

    /** The dialog of the last successful INVITE or SUBSCRIBE with this Call-ID. */
    Dialog dialogOf(Response r) {
        for (Object d : ((gov.nist.javax.sip.SipStackImpl) stack).getDialogs()) {
            Dialog dialog = (Dialog) d;
            if (dialog.getCallId()
                    .getCallId()
                    .equals(((javax.sip.header.CallIdHeader) r.getHeader("Call-ID")).getCallId())) {
                return dialog;
            }
        }
        throw new AssertionError("no dialog for " + r.getHeader("Call-ID"));
    }

    HeaderFactory headers() {
        return headers;
    }

    /** An in-dialog request made with {@code dialog.createRequest} and its final response. */
    Response inDialog(Dialog dialog, Request r) throws Exception {
        ClientTransaction ct = provider.getNewClientTransaction(r);
        dialog.sendRequest(ct);
        return awaitFinal(ct);
    }

    /** An in-dialog request ({@code INFO}, {@code BYE}) and its final response. */
    Response inDialog(Dialog dialog, String method, String infoPackage, String contentType, String body)
            throws Exception {
        Request r = dialog.createRequest(method);
        if (!infoPackage.isEmpty()) {
            r.addHeader(headers.createHeader("Info-Package", infoPackage));
        }
        if (!body.isEmpty()) {
            String[] type = contentType.split("/", 2);
            r.setContent(body, headers.createContentTypeHeader(type[0], type[1]));
        }
        ClientTransaction ct = provider.getNewClientTransaction(r);
        dialog.sendRequest(ct);
        return awaitFinal(ct);
    }

    /** A re-INVITE in an established dialog with a new offer; ACKs a 2xx. */
    Response reinvite(Dialog dialog, String sdp) throws Exception {
        Request r = dialog.createRequest(Request.INVITE);
        r.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
        ClientTransaction ct = provider.getNewClientTransaction(r);
        dialog.sendRequest(ct);
        Response response = awaitFinal(ct);
        if (response.getStatusCode() / 100 == 2) {
            long n = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            dialog.sendAck(dialog.createAck(n));
        }
        return response;
    }

    /** SUBSCRIBE with the given Event and Expires; returns the final response. */
    Response subscribe(String uri, String event, int expires) throws Exception {
        Request r = request(Request.SUBSCRIBE, uri);
        r.addHeader(headers.createEventHeader(event));
        r.addHeader(headers.createExpiresHeader(expires));
        return send(r).getResponse();
    }

    /** Sends a request outside a dialog; answers one 401/407 digest challenge with the password. */
    private ResponseEvent send(Request request) throws Exception {
        ClientTransaction ct = sendChallenged(request);
        return awaitEvent(ct, 200);
    }

    /**
     * Sends a request outside a dialog and answers one 401/407 digest challenge; returns the
     * transaction that carries on (the challenged one's successor), without waiting for more.
     */
    ClientTransaction sendChallenged(Request request) throws Exception {
        ClientTransaction ct = provider.getNewClientTransaction(request);
        ct.sendRequest();
        ResponseEvent first = awaitEvent(ct, 101);
        int status = first.getResponse().getStatusCode();
        if (status == 401 || status == 407) {
            AuthenticationHelper auth = ((SipStackExt) stack).getAuthenticationHelper(this::credentials, headers);
            ClientTransaction next = auth.handleChallenge(first.getResponse(), ct, provider, 5, true);
            next.sendRequest();
            return next;
        }
        return ct;
    }

    /** Sends a request outside a dialog, answering no challenge; returns its final response. */
    Response sendOnce(Request request) throws Exception {
        ClientTransaction ct = provider.getNewClientTransaction(request);
        ct.sendRequest();
        return awaitEvent(ct, 200).getResponse();
    }

    /** The first response of {@code ct} with a status of at least {@code atLeast}, within the wait. */
    ResponseEvent awaitEvent(ClientTransaction ct, int atLeast) throws InterruptedException {
        return awaitEvent(ct, r -> r.getStatusCode() >= atLeast, WAIT);
    }

    /** The first response of {@code ct} with exactly this status, within {@code wait}. */
    Response awaitStatus(ClientTransaction ct, int status, Duration wait) throws InterruptedException {
        return awaitEvent(ct, r -> r.getStatusCode() == status, wait).getResponse();
    }

    private ResponseEvent awaitEvent(ClientTransaction ct, Predicate<Response> wanted, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (responses) {
            while (true) {
                for (ResponseEvent e : responses) {
                    if (e.getClientTransaction() == ct && wanted.test(e.getResponse())) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(ct.getRequest().getMethod() + ": no such response within " + wait
                            + "; got "
                            + responses.stream()
                                    .filter(e -> e.getClientTransaction() == ct)
                                    .map(e -> e.getResponse().getStatusCode())
                                    .toList());
                }
                responses.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private Response awaitFinal(ClientTransaction ct) throws InterruptedException {
        return awaitEvent(ct, 200).getResponse();
    }

    /** REGISTER this agent's contact for an hour (answering the 401); returns the final response. */
    Response register() throws Exception {
        Request r = request(Request.REGISTER, "sip:" + domain, aor());
        r.addHeader(headers.createExpiresHeader(3600));
        return send(r).getResponse();
    }

    /** Removes this agent's contact (REGISTER with Expires: 0); returns the final response. */
    Response unregister() throws Exception {
        Request r = request(Request.REGISTER, "sip:" + domain, aor());
        r.addHeader(headers.createExpiresHeader(0));
        return send(r).getResponse();
    }

    /**
     * Unregisters each of {@code agents} and empties the list: a test's own registrations, so
     * that the next test's stay under the registrar's 10 contacts per user.
     */
    static void unregisterAll(List<SipTestAgent> agents) throws Exception {
        for (SipTestAgent a : agents) {
            int status = a.unregister().getStatusCode();
            if (status != 200) {
                throw new AssertionError(a.aor() + " unregistered with " + status);
            }
        }
        agents.clear();
    }

    /** Like {@link #register()}, with this q-value on the Contact (RFC 3261 §10.2.1.2). */
    Response register(float q) throws Exception {
        Request r = request(Request.REGISTER, "sip:" + domain, aor());
        r.addHeader(headers.createExpiresHeader(3600));
        ((javax.sip.header.ContactHeader) r.getHeader(javax.sip.header.ContactHeader.NAME)).setQValue(q);
        return send(r).getResponse();
    }

    /**
     * From now on an incoming INVITE gets 100 Trying and nothing more, as from a phone that hung
     * after accepting it; a CANCEL still ends it with 487.
     */
    void silentAfterTrying() {
        silent = true;
    }

    /**
     * From now on a CANCEL gets its 200 but leaves the INVITE ringing, so that {@link #answer}
     * sends the 200 a phone sends when it answered as the CANCEL was on its way (RFC 3261 §9.2).
     */
    void answersPastCancel() {
        answersPastCancel = true;
    }

    /**
     * From now on requests of {@code method} (in a dialog or not, but INVITE, ACK and CANCEL) get
     * {@code status} instead of 200, as from a server that is overloaded (503).
     */
    void refuse(String method, int status) {
        refused.put(method, status);
    }

    /** Requests of {@code method} are taken and never answered (a server that hangs). */
    void ignore(String method) {
        refused.put(method, UNANSWERED);
    }

    /** Sends one more 180 for a ringing INVITE (a phone that keeps reporting progress). */
    void ringAgain(Request invite) throws Exception {
        Ringing r = ringing.get(((javax.sip.header.CallIdHeader) invite.getHeader("Call-ID")).getCallId());
        if (r == null) {
            return;
        }
        Response again = messages.createResponse(Response.RINGING, invite);
        ((javax.sip.header.ToHeader) again.getHeader("To")).setTag(r.tag());
        r.tx().sendResponse(again);
    }

    /** Refuses a ringing INVITE with this final status (486 Busy Here, 603 Decline...). */
    void decline(Request invite, int status) throws Exception {
        Ringing r = ringing.remove(((javax.sip.header.CallIdHeader) invite.getHeader("Call-ID")).getCallId());
        if (r == null) {
            throw new AssertionError("not ringing for " + invite.getHeader("Call-ID"));
        }
        Response refused = messages.createResponse(status, invite);
        ((javax.sip.header.ToHeader) refused.getHeader("To")).setTag(r.tag());
        r.tx().sendResponse(refused);
    }

    /** The contact this agent registers and puts in its dialogs. */
    String contact() {
        return "sip:" + user + "@127.0.0.1:" + port;
    }

    /** Starts an INVITE with an SDP offer (answering the 407); the caller waits on the transaction. */
    ClientTransaction call(String uri, String sdp) throws Exception {
        Request invite = request(Request.INVITE, uri);
        invite.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
        return sendChallenged(invite);
    }

    /** The final response of {@code call}, which must be a 200 from {@code callee} (its Contact); ACKed. */
    ResponseEvent answeredBy(ClientTransaction call, SipTestAgent callee) throws Exception {
        ResponseEvent ok = awaitEvent(call, 200);
        Response r = ok.getResponse();
        javax.sip.header.ContactHeader contact = (javax.sip.header.ContactHeader) r.getHeader("Contact");
        String from = contact == null ? "" : contact.getAddress().getURI().toString();
        if (r.getStatusCode() != 200 || !from.equals(callee.contact())) {
            throw new AssertionError(
                    "expected 200 from " + callee.contact() + ", got " + r.getStatusCode() + " from '" + from + "'");
        }
        ack(ok);
        return ok;
    }

    /** ACKs the 2xx of an INVITE transaction in its dialog. */
    void ack(ResponseEvent ok) throws Exception {
        Dialog d = ok.getDialog();
        long n = ((CSeqHeader) ok.getResponse().getHeader(CSeqHeader.NAME)).getSeqNumber();
        d.sendAck(d.createAck(n));
    }

    /** CANCEL of a pending INVITE (RFC 3261 §9.1); returns the CANCEL's final response. */
    Response cancel(ClientTransaction invite) throws Exception {
        ClientTransaction ct = provider.getNewClientTransaction(invite.createCancel());
        ct.sendRequest();
        return awaitFinal(ct);
    }

    /** Answers a ringing INVITE with 200, this agent's Contact and an SDP answer. */
    void answer(Request invite, String sdp) throws Exception {
        answer(invite, sdp, contact());
    }

    /** Like {@link #answer(Request, String)}, naming {@code contact} (a host name, say) as this agent's. */
    void answer(Request invite, String sdp, String contact) throws Exception {
        String callId = ((javax.sip.header.CallIdHeader) invite.getHeader("Call-ID")).getCallId();
        Ringing r = ringing.remove(callId);
        if (r == null) {
            throw new AssertionError("not ringing for " + callId);
        }
        Response ok = messages.createResponse(Response.OK, invite);
        ((javax.sip.header.ToHeader) ok.getHeader("To")).setTag(r.tag());
        ok.addHeader(headers.createContactHeader(addresses.createAddress(addresses.createURI(contact))));
        ok.setContent(sdp, headers.createContentTypeHeader("application", "sdp"));
        r.tx().sendResponse(ok);
    }

    /** The next request of this method the agent received (already answered 200), within the wait. */
    Request awaitRequest(String method) throws InterruptedException {
        return awaitRequest(method, WAIT);
    }

    Request awaitRequest(String method, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Request r = received.poll(100, TimeUnit.MILLISECONDS);
            if (r != null && r.getMethod().equals(method)) {
                return r;
            }
        }
        throw new AssertionError("no " + method + " within " + wait);
    }

    /** The next request of this method that {@code which} accepts; others of the kind are passed over. */
    Request awaitRequest(String method, java.util.function.Predicate<Request> which) throws InterruptedException {
        return awaitRequest(method, which, WAIT);
    }

    Request awaitRequest(String method, java.util.function.Predicate<Request> which, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Request r = received.poll(100, TimeUnit.MILLISECONDS);
            if (r != null && r.getMethod().equals(method) && which.test(r)) {
                return r;
            }
        }
        throw new AssertionError("no such " + method + " within " + wait);
    }

    /**
     * The first request of each of {@code methods}, in the order given, whatever order they
     * arrive in (an ACK and a BYE sent together may overtake each other here); others are passed
     * over.
     */
    List<Request> awaitEach(String... methods) throws InterruptedException {
        Request[] got = new Request[methods.length];
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (Arrays.stream(got).anyMatch(Objects::isNull) && System.nanoTime() < deadline) {
            Request r = received.poll(100, TimeUnit.MILLISECONDS);
            for (int i = 0; r != null && i < methods.length; i++) {
                if (got[i] == null && r.getMethod().equals(methods[i])) {
                    got[i] = r;
                    break;
                }
            }
        }
        for (int i = 0; i < methods.length; i++) {
            if (got[i] == null) {
                throw new AssertionError("no " + methods[i] + " within " + WAIT);
            }
        }
        return List.of(got);
    }

    /** True when no request of this method arrives within the wait. */
    boolean receivesNo(String method, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Request r = received.poll(100, TimeUnit.MILLISECONDS);
            if (r != null && r.getMethod().equals(method)) {
                return false;
            }
        }
        return true;
    }

    static String body(javax.sip.message.Message m) {
        byte[] raw = m.getRawContent();
        return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        if (method.equals(Request.ACK)) {
            received.add(request);
            return;
        }
        try {
            ServerTransaction tx = event.getServerTransaction();
            if (tx == null) {
                tx = provider.getNewServerTransaction(request);
            }
            String callId = ((javax.sip.header.CallIdHeader) request.getHeader("Call-ID")).getCallId();
            if (method.equals(Request.CANCEL)) {
                tx.sendResponse(messages.createResponse(Response.OK, request));
                Ringing r = answersPastCancel ? null : ringing.remove(callId);
                if (r != null) {
                    Response terminated = messages.createResponse(Response.REQUEST_TERMINATED, r.tx().getRequest());
                    ((javax.sip.header.ToHeader) terminated.getHeader("To")).setTag(r.tag());
                    r.tx().sendResponse(terminated);
                }
            } else if (method.equals(Request.INVITE)
                    && ((javax.sip.header.ToHeader) request.getHeader("To")).getTag() == null) {
                String tag = UUID.randomUUID().toString().substring(0, 8);
                if (silent) {
                    ringing.put(callId, new Ringing(tx, tag));
                    tx.sendResponse(messages.createResponse(Response.TRYING, request));
                    received.add(request);
                    return;
                }
                Response ringingResponse = messages.createResponse(Response.RINGING, request);
                ((javax.sip.header.ToHeader) ringingResponse.getHeader("To")).setTag(tag);
                ringingResponse.addHeader(
                        headers.createContactHeader(addresses.createAddress(addresses.createURI(contact()))));
                ringing.put(callId, new Ringing(tx, tag));
                tx.sendResponse(ringingResponse);
                received.add(request);
                return;
            } else if (refused.getOrDefault(method, Response.OK) == UNANSWERED) {
                received.add(request);
                return;
            } else {
                Response ok = messages.createResponse(refused.getOrDefault(method, Response.OK), request);
                if (method.equals(Request.INVITE)) {
                    // A re-INVITE: its 2xx names this agent's contact again (RFC 3261 §12.1.1),
                    // and answers an offer with this agent's session as it stands (its last offer).
                    ok.addHeader(headers.createContactHeader(addresses.createAddress(addresses.createURI(contact()))));
                    byte[] offer = request.getRawContent();
                    if (offer != null && offer.length > 0 && !lastOffer.isEmpty()) {
                        ok.setContent(lastOffer, headers.createContentTypeHeader("application", "sdp"));
                    }
                }
                tx.sendResponse(ok);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not answer " + method, e);
        }
        received.add(request);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        synchronized (responses) {
            responses.add(event);
            responses.notifyAll();
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {}

    @Override
    public void processIOException(IOExceptionEvent event) {}

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {}

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {}

    @Override
    public void close() {
        stack.stop();
    }
}
