package dev.parley.interop;

import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import gov.nist.javax.sip.clientauthutils.UserCredentials;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import javax.sip.header.HeaderFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A SIP user agent for tests, on jain-sip over UDP: sends INVITE (and ACKs the 200), INFO,
 * BYE and SUBSCRIBE through the server under test as outbound proxy, answers every request
 * it receives with 200 and keeps it for the test to read.
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
    private final BlockingQueue<ResponseEvent> responses = new LinkedBlockingQueue<>();
    private final BlockingQueue<Request> received = new LinkedBlockingQueue<>();

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
        int port;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "agent-" + user + "-" + UUID.randomUUID());
        p.setProperty("javax.sip.OUTBOUND_PROXY", server + "/udp");
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "on");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", "dev.parley.proxy.sip.Slf4jStackLogger");
        SipStack stack = factory.createSipStack(p);
        ListeningPoint lp = stack.createListeningPoint("127.0.0.1", port, ListeningPoint.UDP);
        SipProvider provider = stack.createSipProvider(lp);
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
        Address from = addresses.createAddress(displayName, addresses.createURI(aor()));
        Address to = addresses.createAddress(addresses.createURI(uri));
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
        r.addHeader(headers.createContactHeader(
                addresses.createAddress(addresses.createURI("sip:" + user + "@127.0.0.1:" + port))));
        return r;
    }

    /** Sends INVITE with an SDP offer; on 2xx sends the ACK. Returns the final response. */
    Response invite(String uri, String sdp) throws Exception {
        Request invite = request(Request.INVITE, uri);
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
        ClientTransaction ct = provider.getNewClientTransaction(request);
        ct.sendRequest();
        boolean challenged = false;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ResponseEvent e = responses.poll(100, TimeUnit.MILLISECONDS);
            if (e == null || e.getClientTransaction() != ct || e.getResponse().getStatusCode() < 200) {
                continue;
            }
            int status = e.getResponse().getStatusCode();
            if ((status == 401 || status == 407) && !challenged) {
                challenged = true;
                AuthenticationHelper auth = ((SipStackExt) stack).getAuthenticationHelper(this::credentials, headers);
                ct = auth.handleChallenge(e.getResponse(), ct, provider, 5, true);
                ct.sendRequest();
                continue;
            }
            return e;
        }
        throw new AssertionError(request.getMethod() + " got no final response in " + WAIT);
    }

    private Response awaitFinal(ClientTransaction ct) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            ResponseEvent e = responses.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e.getClientTransaction() == ct && e.getResponse().getStatusCode() >= 200) {
                return e.getResponse();
            }
        }
        throw new AssertionError("no final response in " + WAIT);
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
        if (request.getMethod().equals(Request.ACK)) {
            return;
        }
        try {
            ServerTransaction tx = event.getServerTransaction();
            if (tx == null) {
                tx = provider.getNewServerTransaction(request);
            }
            tx.sendResponse(messages.createResponse(Response.OK, request));
        } catch (Exception e) {
            throw new IllegalStateException("could not answer " + request.getMethod(), e);
        }
        received.add(request);
    }

    @Override
    public void processResponse(ResponseEvent event) {
        responses.add(event);
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
