package org.llmbench.endpoint;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import org.llmbench.results.RequestErrorClass;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Names what went wrong with a request: its class and the first line worth quoting. */
final class Failures {
    private Failures() {
    }

    /** The class of an exception from the HTTP client; {@code answered} = the status line had arrived. */
    static RequestErrorClass classify(Throwable t, boolean answered) {
        Throwable e = unwrap(t);
        if (e instanceof HttpConnectTimeoutException || e instanceof HttpTimeoutException) return RequestErrorClass.TIMEOUT;
        if (e instanceof ConnectException || e instanceof UnresolvedAddressException || e instanceof UnknownHostException) return RequestErrorClass.CONNECT;
        if (e instanceof IllegalArgumentException) return RequestErrorClass.CLIENT;
        if (e instanceof java.io.IOException) return answered ? RequestErrorClass.CUT_OFF : closedBeforeAnswer(e);
        return RequestErrorClass.CLIENT;
    }

    /** A server that hangs up before any answer looks like a connect failure to a user unless we say otherwise. */
    private static RequestErrorClass closedBeforeAnswer(Throwable e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("refused") || m.contains("unreachable") ? RequestErrorClass.CONNECT : RequestErrorClass.CUT_OFF;
    }

    static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) e = e.getCause();
        return e;
    }

    /** "ConnectException: Connection refused", first line only. */
    static String firstLine(Throwable t) {
        Throwable e = unwrap(t);
        String m = e.getMessage();
        String text = e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
        if (m == null && e.getCause() != null && e.getCause() != e) text += " (" + firstLine(e.getCause()) + ")";
        return firstLineOf(text);
    }

    /** An error body as a user wants to read it: the JSON error's message, else the body's first line. */
    static String errorBody(String body) {
        try {
            JsonElement e = JsonParser.parseString(body);
            if (e.isJsonObject()) return firstLineOf(AnswerParser.errorMessage(e.getAsJsonObject()));
        } catch (RuntimeException notJson) {
            // quote the text
        }
        String line = firstLineOf(body);
        return line.isEmpty() ? "(empty body)" : line;
    }

    static String firstLineOf(String text) {
        String t = text == null ? "" : text.strip();
        int nl = t.indexOf('\n');
        String line = (nl < 0 ? t : t.substring(0, nl)).strip();
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }
}
