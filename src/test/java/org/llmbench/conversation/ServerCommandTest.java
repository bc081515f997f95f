package org.llmbench.conversation;

import org.junit.jupiter.api.Test;
import org.llmbench.LlmbenchException;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Splitting a --server-cmd like a shell (without one), environment assignments, and what results may show of it. */
class ServerCommandTest {
    @Test
    void wordsQuotesAndEnvironment() {
        ServerCommand c = ServerCommand.parse("CUDA_VISIBLE_DEVICES=0 HF_TOKEN=hf_abc vllm serve 'my model' --api-key sk-123 --chat-template \"{{ x }} \\\"q\\\"\" a\\ b --x=''",
                "--server-cmd");
        assertEquals(Map.of("CUDA_VISIBLE_DEVICES", "0", "HF_TOKEN", "hf_abc"), c.environment());
        assertEquals(List.of("vllm", "serve", "my model", "--api-key", "sk-123", "--chat-template", "{{ x }} \"q\"", "a b", "--x="), c.argv());
        String shown = c.display();
        assertFalse(shown.contains("sk-123") || shown.contains("hf_abc"), shown);
        assertTrue(shown.startsWith("CUDA_VISIBLE_DEVICES=0 HF_TOKEN=*** vllm serve 'my model' --api-key *** --chat-template"), shown);
        assertEquals("llama-server -m m.gguf --hf-token=*** --max-num-batched-tokens 8192",
                ServerCommand.parse("llama-server -m m.gguf --hf-token=secret --max-num-batched-tokens 8192", "x").display());
    }

    @Test
    void badCommandsAreOneSentence() {
        assertEquals("--server-cmd has an unclosed double quote; close it or escape it with a backslash.",
                assertThrows(LlmbenchException.class, () -> ServerCommand.parse("vllm serve \"m", "--server-cmd")).getMessage());
        assertEquals("--server-cmd is empty; give the command that starts the server.",
                assertThrows(LlmbenchException.class, () -> ServerCommand.parse("  ", "--server-cmd")).getMessage());
        assertTrue(assertThrows(LlmbenchException.class, () -> ServerCommand.parse("A=1 B=2", "--server-cmd")).getMessage()
                .startsWith("--server-cmd 'A=1 B=2' has no program to run"));
    }
}
