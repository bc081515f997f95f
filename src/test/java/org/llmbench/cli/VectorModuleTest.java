package org.llmbench.cli;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VectorModuleTest {
    private static List<String> kept(String... args) {
        List<String> list = new ArrayList<>(List.of(args));
        VectorModule.keepInForks(list);
        return list;
    }

    @Test
    void aUsersJvmArgsAppendKeepsTheModuleAndTheHeap() {
        assertEquals(List.of("Decode", "-jvmArgsAppend", "-Dx=1 --add-modules=jdk.incubator.vector -XX:MaxRAMPercentage=75"),
                kept("Decode", "-jvmArgsAppend", "-Dx=1"));
        assertEquals(List.of("-jvmArgsAppend", "--add-modules=jdk.incubator.vector -Xmx8g"),
                kept("-jvmArgsAppend", "--add-modules=jdk.incubator.vector -Xmx8g"));
        assertEquals(List.of("Decode", "-f", "1"), kept("Decode", "-f", "1"));
    }
}
