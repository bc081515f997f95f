package org.llmbench.endpoint;

import org.llmbench.results.RequestErrorClass;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * One request's response, read as it arrives: the status decides whether the body is an SSE
 * stream, a whole JSON answer or an error to quote. Each piece of the body is timestamped with
 * System.nanoTime() on the HTTP client's thread that delivers it, then parsed at once, so a chunk's
 * time is when its bytes came off the socket, not when someone looked. Every body is bounded in
 * bytes; the first of success, failure or timeout completes {@link #result}, later ones are ignored.
 */
final class Exchange implements HttpResponse.BodyHandler<Void> {
    /** What came back. Times are System.nanoTime(); {@code endNanos} is [DONE] or the end of the body. */
    record Outcome(long sentNanos, int status, AnswerParser answer, long endNanos, RequestErrorClass error, String message) {
        boolean ok() {
            return error == null;
        }
    }

    final CompletableFuture<Outcome> result = new CompletableFuture<>();
    private final long sentNanos;
    private final GenerationOptions options;
    private final Redactor redactor;
    private final AnswerParser answer = new AnswerParser();
    private volatile int status;
    private volatile Flow.Subscription subscription;

    Exchange(long sentNanos, GenerationOptions options, Redactor redactor) {
        this.sentNanos = sentNanos;
        this.options = options;
        this.redactor = redactor;
    }

    @Override
    public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
        status = info.statusCode();
        if (status / 100 != 2) return new Body(Kind.ERROR, GenerationOptions.MAX_ERROR_BODY_BYTES);
        boolean sse = info.headers().firstValue("content-type").map(v -> v.toLowerCase(Locale.ROOT).startsWith("text/event-stream")).orElse(false);
        return new Body(sse ? Kind.SSE : Kind.WHOLE, options.maxResponseBytes());
    }

    void fail(RequestErrorClass error, String message) {
        if (result.complete(new Outcome(sentNanos, status, answer, System.nanoTime(), error, redactor.clean(message)))) cancel();
    }

    private void succeed(long endNanos) {
        result.complete(new Outcome(sentNanos, status, answer, endNanos, null, ""));
    }

    /** Stops reading (the connection is closed, not reused). */
    void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) s.cancel();
    }

    int status() {
        return status;
    }

    private enum Kind { SSE, WHOLE, ERROR }

    private final class Body implements HttpResponse.BodySubscriber<Void> {
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private final Kind kind;
        private final long limit;
        private final SseParser sse = new SseParser(GenerationOptions.MAX_EVENT_BYTES);
        private final ByteArrayOutputStream whole = new ByteArrayOutputStream();
        private long bytes;

        Body(Kind kind, long limit) {
            this.kind = kind;
            this.limit = limit;
        }

        @Override
        public CompletionStage<Void> getBody() {
            return done;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (result.isDone()) { // timed out before the body began
                s.cancel();
                done.complete(null);
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            long now = System.nanoTime();
            try {
                for (ByteBuffer b : buffers) {
                    bytes += b.remaining();
                    if (bytes > limit) {
                        overLimit();
                        return;
                    }
                    if (result.isDone()) continue; // after [DONE] (or a failure): drain what is left, bounded
                    switch (kind) {
                        case SSE -> {
                            for (String event : sse.feed(b)) {
                                answer.onStreamEvent(event, now);
                                if (answer.done) {
                                    succeed(now);
                                    break;
                                }
                            }
                        }
                        case WHOLE, ERROR -> {
                            byte[] copy = new byte[b.remaining()]; // the client's buffers may be read-only
                            b.get(copy);
                            whole.writeBytes(copy);
                        }
                    }
                }
                subscription.request(1);
            } catch (SseParser.TooLongException e) {
                stop(RequestErrorClass.MALFORMED_STREAM, e.getMessage());
            } catch (AnswerParser.MalformedException e) {
                stop(RequestErrorClass.MALFORMED_STREAM, e.getMessage());
            } catch (RuntimeException e) {
                stop(RequestErrorClass.CLIENT, "reading the response failed: " + e);
            }
        }

        private void overLimit() {
            if (kind == Kind.ERROR) {
                finishError(); // enough of an error body to quote
            } else {
                stop(RequestErrorClass.OVERSIZE, "the response passed " + limit + " bytes (--max-response-mb) and was abandoned");
            }
            subscription.cancel();
            done.complete(null);
        }

        private void stop(RequestErrorClass error, String message) {
            fail(error, message);
            done.complete(null);
        }

        @Override
        public void onError(Throwable t) {
            fail(RequestErrorClass.CUT_OFF, "the connection broke mid-answer: " + Failures.firstLine(t));
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            long now = System.nanoTime();
            switch (kind) {
                case SSE -> {
                    sse.end();
                    if (answer.done) break;
                    if (!answer.finishReason.isEmpty()) succeed(now); // a finish reason but no [DONE]: a whole answer all the same
                    else fail(RequestErrorClass.CUT_OFF, "the stream ended without [DONE] or a finish reason after "
                            + answer.contentChunks() + " content chunks");
                }
                case WHOLE -> {
                    try {
                        answer.onWholeBody(whole.toString(StandardCharsets.UTF_8));
                        succeed(now);
                    } catch (AnswerParser.MalformedException e) {
                        fail(RequestErrorClass.MALFORMED_STREAM, e.getMessage());
                    }
                }
                case ERROR -> finishError();
            }
            done.complete(null);
        }

        private void finishError() {
            fail(RequestErrorClass.HTTP_STATUS, "HTTP " + status + ": " + Failures.errorBody(whole.toString(StandardCharsets.UTF_8)));
        }
    }
}
