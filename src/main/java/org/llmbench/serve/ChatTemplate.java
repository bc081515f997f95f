package org.llmbench.serve;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders chat messages into prompt text: with the model's own Jinja template where its files carry
 * one (GGUF tokenizer.chat_template, tokenizer_config.json chat_template), rendered by Jinjava with
 * Hugging Face's settings (trim_blocks, lstrip_blocks, add_generation_prompt, bos_token, eos_token,
 * raise_exception); with ChatML otherwise.
 */
final class ChatTemplate {
    /** One chat message. */
    record Message(String role, String content) {
    }

    private final String template;
    private final Jinjava jinjava;

    ChatTemplate(String template) {
        this.template = template == null || template.isBlank() ? null : template;
        if (this.template == null) {
            jinjava = null;
        } else {
            jinjava = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true).build());
            jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception", ChatTemplate.class, "raiseException", String.class));
        }
    }

    boolean isChatMl() {
        return template == null;
    }

    String describe() {
        return template == null ? "ChatML (the model's files carry no chat template)" : "the model's Jinja template (" + template.length() + " characters, rendered by Jinjava)";
    }

    /** The prompt text for these messages, ending where the assistant's answer begins. */
    String render(List<Message> messages, String bosToken, String eosToken) {
        if (template == null) return chatMl(messages);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Message m : messages) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("role", m.role());
            map.put("content", m.content());
            list.add(map);
        }
        Map<String, Object> context = new HashMap<>();
        context.put("messages", list);
        context.put("add_generation_prompt", true);
        context.put("bos_token", bosToken);
        context.put("eos_token", eosToken);
        RenderResult result;
        try {
            result = jinjava.renderForResult(template, context);
        } catch (RuntimeException e) {
            throw failure(e, e.getMessage());
        }
        for (TemplateError e : result.getErrors()) {
            if (raised(e.getException()) != null || e.getSeverity() == TemplateError.ErrorType.FATAL) throw failure(e.getException(), e.getMessage());
        }
        return result.getOutput();
    }

    private static ApiError failure(Throwable t, String message) {
        TemplateRaised r = raised(t);
        return r != null ? new ApiError(400, "The model's chat template refused these messages: " + r.getMessage(), "messages")
                : new ApiError(400, "The model's chat template failed on these messages: " + message, "messages");
    }

    /** The raise_exception call somewhere in an error's causes, or null. */
    private static TemplateRaised raised(Throwable t) {
        for (int depth = 0; t != null && depth < 10; t = t.getCause(), depth++) {
            if (t instanceof TemplateRaised r) return r;
        }
        return null;
    }

    static String chatMl(List<Message> messages) {
        StringBuilder sb = new StringBuilder();
        for (Message m : messages) sb.append("<|im_start|>").append(m.role()).append('\n').append(m.content()).append("<|im_end|>\n");
        return sb.append("<|im_start|>assistant\n").toString();
    }

    /** raise_exception(message), which Hugging Face templates call to refuse a conversation. */
    public static String raiseException(String message) {
        throw new TemplateRaised(message);
    }

    static final class TemplateRaised extends RuntimeException {
        TemplateRaised(String message) {
            super(message, null, false, false);
        }
    }
}
