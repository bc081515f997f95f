package org.llmbench.serve;

/** What the scheduler tells a request's HTTP handler: new text, the end, or a failure. */
sealed interface Event permits Event.Text, Event.Done, Event.Failed {
    /** Generated text to send (whole UTF-8 characters, never part of a stop string). */
    record Text(String text) implements Event {
    }

    /** Generation ended: "stop" (EOS or a stop string) or "length" (max_tokens). */
    record Done(String finishReason, int promptTokens, int completionTokens, int cachedTokens) implements Event {
    }

    /** Generation cannot go on (the server is shutting down, the engine failed). */
    record Failed(int status, String message) implements Event {
    }
}
