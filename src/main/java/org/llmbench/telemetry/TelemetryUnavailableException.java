package org.llmbench.telemetry;

/** A telemetry source does not exist on this machine; the message says which and why, in one sentence. */
public final class TelemetryUnavailableException extends RuntimeException {
    public TelemetryUnavailableException(String message) {
        super(message);
    }
}
