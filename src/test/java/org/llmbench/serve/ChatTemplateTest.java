package org.llmbench.serve;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Chat templates in the forms models ship (written here, each exercising the Jinja features those use), rendered as Hugging Face renders them. */
class ChatTemplateTest {
    static final List<ChatTemplate.Message> CHAT = List.of(new ChatTemplate.Message("system", "Be brief."), new ChatTemplate.Message("user", "Hi"));

    /** Zephyr style (TinyLlama chat): a role tag line per message, EOS after each, trim_blocks and lstrip_blocks at work. */
    static final String ZEPHYR = """
            {% for message in messages %}
            {% if message['role'] == 'user' %}
            {{ '<|user|>\\n' + message['content'] + eos_token }}
            {% elif message['role'] == 'system' %}
            {{ '<|system|>\\n' + message['content'] + eos_token }}
            {% elif message['role'] == 'assistant' %}
            {{ '<|assistant|>\\n'  + message['content'] + eos_token }}
            {% endif %}
            {% if loop.last and add_generation_prompt %}
            {{ '<|assistant|>' }}
            {% endif %}
            {% endfor %}""";

    /** Llama-2 style: the system prompt folded into the first turn, roles checked with raise_exception, strip(), slicing. */
    static final String LLAMA2 = "{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}{% set system_message = messages[0]['content'] %}"
            + "{% else %}{% set loop_messages = messages %}{% set system_message = false %}{% endif %}"
            + "{% for message in loop_messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}"
            + "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}"
            + "{% if loop.index0 == 0 and system_message != false %}{% set content = '<<SYS>>\\n' + system_message + '\\n<</SYS>>\\n\\n' + message['content'] %}"
            + "{% else %}{% set content = message['content'] %}{% endif %}"
            + "{% if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + ' [/INST]' }}"
            + "{% elif message['role'] == 'assistant' %}{{ ' ' + content.strip() + ' ' + eos_token }}{% endif %}{% endfor %}";

    static final String CHATML_JINJA = "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}"
            + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    @Test
    void zephyrStyle() {
        assertEquals("<|system|>\nBe brief.</s>\n<|user|>\nHi</s>\n<|assistant|>\n", new ChatTemplate(ZEPHYR).render(CHAT, "<s>", "</s>"));
    }

    @Test
    void llama2StyleFoldsTheSystemPromptAndStripsContent() {
        List<ChatTemplate.Message> turns = List.of(new ChatTemplate.Message("system", "S"), new ChatTemplate.Message("user", "Hi"),
                new ChatTemplate.Message("assistant", " Hello "), new ChatTemplate.Message("user", "Bye"));
        assertEquals("<s>[INST] <<SYS>>\nS\n<</SYS>>\n\nHi [/INST] Hello </s><s>[INST] Bye [/INST]", new ChatTemplate(LLAMA2).render(turns, "<s>", "</s>"));
    }

    @Test
    void aTemplateThatRaisesRefusesTheConversationWithItsMessage() {
        List<ChatTemplate.Message> twoUsers = List.of(new ChatTemplate.Message("user", "a"), new ChatTemplate.Message("user", "b"));
        ApiError e = assertThrows(ApiError.class, () -> new ChatTemplate(LLAMA2).render(twoUsers, "<s>", "</s>"));
        assertEquals(400, e.status);
        assertTrue(e.getMessage().contains("Conversation roles must alternate"), e.getMessage());
        assertEquals("messages", e.param);
    }

    @Test
    void chatMlWithoutATemplateIsWhatTheJinjaChatMlTemplateRenders() {
        ChatTemplate none = new ChatTemplate(null);
        assertTrue(none.isChatMl());
        assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", none.render(CHAT, "<s>", "</s>"));
        assertEquals(none.render(CHAT, "", ""), new ChatTemplate(CHATML_JINJA).render(CHAT, "", ""));
    }

    @Test
    void aBrokenTemplateIsA400NotACrash() {
        ApiError e = assertThrows(ApiError.class, () -> new ChatTemplate("{% for m in messages %}{{ m['content'] }").render(CHAT, "", ""));
        assertEquals(400, e.status);
    }
}
