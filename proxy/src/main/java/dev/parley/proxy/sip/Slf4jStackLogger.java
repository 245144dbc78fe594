package dev.parley.proxy.sip;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes jain-sip's own logging to SLF4J (logger {@code jain-sip}), so that no log4j is needed.
 * Set through the stack property {@code gov.nist.javax.sip.STACK_LOGGER}; the stack makes it
 * with the no-argument constructor. Warnings and errors become one line each: the stack often
 * appends a whole SIP message or a stack trace, which stay available at debug level.
 */
public final class Slf4jStackLogger implements StackLogger {
    private static final Logger LOG = LoggerFactory.getLogger("jain-sip");

    @Override
    public void logStackTrace() {
        if (LOG.isTraceEnabled()) {
            LOG.trace("stack trace", new Throwable("here"));
        }
    }

    @Override
    public void logStackTrace(int traceLevel) {
        logStackTrace();
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.warn("jain-sip exception: {}", oneLine(String.valueOf(ex)));
        LOG.debug("jain-sip exception", ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.debug(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.debug(message, ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        LOG.error(oneLine(message));
    }

    @Override
    public void logError(String message) {
        if (message.startsWith("Problem connecting")) {
            // A TCP peer went away before its response was sent: the peer's business, not an
            // error of this server.
            LOG.warn(oneLine(message));
        } else {
            LOG.error(oneLine(message));
        }
        LOG.debug(message);
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isWarnEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        if (logLevel >= TRACE_TRACE) {
            return LOG.isTraceEnabled();
        } else if (logLevel >= TRACE_DEBUG) {
            return LOG.isDebugEnabled();
        } else if (logLevel >= TRACE_INFO) {
            return LOG.isInfoEnabled();
        } else if (logLevel >= TRACE_WARN) {
            return LOG.isWarnEnabled();
        }
        return LOG.isErrorEnabled();
    }

    @Override
    public void logError(String message, Exception ex) {
        LOG.error("{}: {}", oneLine(message), oneLine(String.valueOf(ex)));
        LOG.debug(message, ex);
    }

    @Override
    public void logWarning(String message) {
        LOG.warn(oneLine(message));
    }

    /** The first line of {@code message}, and how many lines followed it. */
    static String oneLine(String message) {
        int end = message.indexOf('\n');
        int cr = message.indexOf('\r');
        if (cr >= 0 && (end < 0 || cr < end)) {
            end = cr;
        }
        if (end < 0) {
            return message;
        }
        long more = message.substring(end).lines().filter(l -> !l.isBlank()).count();
        return message.substring(0, end).strip() + (more == 0 ? "" : " (+" + more + " lines at debug level)");
    }

    @Override
    public void logInfo(String message) {
        LOG.info(message);
    }

    @Override
    public void disableLogging() {
        // Levels come from the SLF4J binding's configuration, not from the stack.
    }

    @Override
    public void enableLogging() {
        // Levels come from the SLF4J binding's configuration, not from the stack.
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        LOG.debug("jain-sip build {}", buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // Nothing to configure: SLF4J is configured on its own.
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
