package org.llmbench.results;

import java.util.Locale;

/** Why a request failed; requests.csv holds the lower-case name. */
public enum RequestErrorClass {
    /** No complete answer within --timeout (no headers, or the stream stalled). */
    TIMEOUT,
    /** The connection could not be made: refused, unreachable, unknown host. */
    CONNECT,
    /** The server answered with a status other than 2xx. */
    HTTP_STATUS,
    /** The body was not what the API promises: invalid JSON, no choices, an error event. */
    MALFORMED_STREAM,
    /** The stream ended before it was finished: closed mid-stream, neither [DONE] nor a finish reason. */
    CUT_OFF,
    /** The body went past the size bound (--max-response-mb) and was abandoned. */
    OVERSIZE,
    /** Our own side failed (e.g. the request could not be built). */
    CLIENT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
