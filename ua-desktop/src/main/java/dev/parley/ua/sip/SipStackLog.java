package dev.parley.ua.sip;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jain-sip's logging into SLF4J (logger {@code jain-sip}), one line per message: the agent
 * needs no log4j. The stack makes it through the property {@code gov.nist.javax.sip.STACK_LOGGER}.
 */
public final class SipStackLog implements StackLogger {
    private static final Logger LOG = LoggerFactory.getLogger("jain-sip");

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    @Override
    public void logStackTrace() {}

    @Override
    public void logStackTrace(int traceLevel) {}

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.warn("jain-sip: {}", firstLine(String.valueOf(ex)));
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
        LOG.error(firstLine(message));
    }

    @Override
    public void logError(String message) {
        LOG.error(firstLine(message));
    }

    @Override
    public void logError(String message, Exception ex) {
        LOG.error("{}: {}", firstLine(message), firstLine(String.valueOf(ex)));
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isWarnEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        return logLevel >= TRACE_DEBUG ? LOG.isDebugEnabled() : LOG.isWarnEnabled();
    }

    @Override
    public void logWarning(String message) {
        LOG.warn(firstLine(message));
    }

    @Override
    public void logInfo(String message) {
        LOG.info(firstLine(message));
    }

    @Override
    public void disableLogging() {}

    @Override
    public void enableLogging() {}

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {}

    @Override
    public void setStackProperties(Properties stackProperties) {}

    @Override
    public String getLoggerName() {
        return "jain-sip";
    }
}
