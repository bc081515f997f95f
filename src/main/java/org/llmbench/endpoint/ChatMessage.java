package org.llmbench.endpoint;

/** One message of a chat history as the chat API takes it: role ("system", "user", "assistant") and its text. */
public record ChatMessage(String role, String content) {
}
