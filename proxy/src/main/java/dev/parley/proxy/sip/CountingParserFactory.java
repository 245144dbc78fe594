package dev.parley.proxy.sip;

import dev.parley.proxy.metrics.DropReason;
import dev.parley.proxy.metrics.Metrics;
import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;
import java.util.Optional;

/**
 * jain-sip's own message parser, counted: a message the parser rejects is {@link
 * DropReason#UNPARSEABLE}, a header it reports is {@link DropReason#BAD_HEADER}, and a
 * message that breaks a rule the stack is lenient about ({@link WireChecks}) is marked {@link
 * Malformed} for the dispatcher to refuse. Parley adds no
 * parser of its own (DESIGN: the stack parses, Parley adds policy). Installed with the stack
 * property {@code gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}.
 */
public final class CountingParserFactory implements MessageParserFactory {
    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        Optional<Metrics> metrics =
                stack instanceof SipStackImpl s ? StackHooks.metrics(s.getStackName()) : Optional.empty();
        StringMsgParser parser = new StringMsgParser();
        if (metrics.isEmpty()) {
            return parser;
        }
        Metrics m = metrics.get();
        return (bytes, readBody, strict, listener) -> {
            ParseExceptionListener counted = listener == null
                    ? null
                    : (ex, message, headerClass, header, text) -> {
                        m.dropped(DropReason.BAD_HEADER);
                        listener.handleException(ex, message, headerClass, header, text);
                    };
            try {
                SIPMessage message = parser.parseSIPMessage(bytes, readBody, strict, counted);
                if (message == null && bytes != null && !isKeepAlive(bytes)) {
                    m.dropped(DropReason.UNPARSEABLE);
                } else if (message != null) {
                    WireChecks.check(bytes).ifPresent(message::setApplicationData);
                }
                return message;
            } catch (ParseException | RuntimeException e) {
                m.dropped(DropReason.UNPARSEABLE);
                throw e;
            }
        };
    }

    /** CRLF keep-alives (RFC 5626 §3.5.1) parse to nothing and are not drops. */
    private static boolean isKeepAlive(byte[] bytes) {
        for (byte b : bytes) {
            if (b != '\r' && b != '\n' && b != 0) {
                return false;
            }
        }
        return true;
    }
}
