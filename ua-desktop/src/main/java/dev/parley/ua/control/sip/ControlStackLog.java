package dev.parley.ua.control.sip;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes {@link ControlSip}'s jain-sip logging to SLF4J (logger {@code jain-sip.control}), the
 * first line of each message only, so that no log4j is needed. Made by the stack through the
 * property {@code gov.nist.javax.sip.STACK_LOGGER}.
 */
public final class ControlStackLog implements StackLogger {
    private static final Logger LOG = LoggerFactory.getLogger("jain-sip.control");

    private static String head(Object message) {
        String s = String.valueOf(message);
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
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
        LOG.warn(head(ex));
    }

    @Override
    public void logDebug(String message) {
        LOG.debug(head(message));
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.debug("{}: {}", head(message), head(ex));
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(head(message));
    }

    @Override
    public void logFatalError(String message) {
        LOG.error(head(message));
    }

    @Override
    public void logError(String message) {
        LOG.error(head(message));
    }

    @Override
    public void logError(String message, Exception ex) {
        LOG.error("{}: {}", head(message), head(ex));
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
        LOG.warn(head(message));
    }

    @Override
    public void logInfo(String message) {
        LOG.info(head(message));
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
        return "jain-sip.control";
    }
}
