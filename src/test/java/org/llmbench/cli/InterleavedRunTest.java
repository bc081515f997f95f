package org.llmbench.cli;

import org.junit.jupiter.api.Test;
import org.llmbench.LlmbenchException;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** How ab builds each fork's command line. */
class InterleavedRunTest {
    @Test
    void defaultsFillWhatTheUserLeftOutInAFixedOrder() {
        assertEquals(List.of("Decode", "-wi", "2", "-w", "1s", "-i", "3", "-r", "1s", "-foe", "true"), InterleavedRun.forkOptions(List.of("Decode")));
        assertEquals(List.of("Decode", "-i", "5", "-r", "2s", "-wi", "2", "-w", "1s", "-foe", "true"),
                InterleavedRun.forkOptions(List.of("Decode", "-i", "5", "-r", "2s")));
        for (String refused : List.of("-f", "-rf", "-rff", "-l", "-h")) {
            assertThrows(LlmbenchException.class, () -> InterleavedRun.forkOptions(List.of("Decode", refused, "3")), refused);
        }
    }

    @Test
    void aSidesJvmArgsJoinTheUsersPrependedOnes() {
        Path jar = Path.of("/x/new.jar"), partial = Path.of("/r/candidate/pair-01.json.partial");
        InterleavedRun.Side plain = new InterleavedRun.Side("baseline", jar, ""), handicapped = new InterleavedRun.Side("candidate", jar, "-Dllmbench.handicap=10%");
        InterleavedRun run = new InterleavedRun("ab", Path.of("/r"), plain, handicapped, List.of("Decode", "-jvmArgsPrepend", "-Xmx2g"), 2, 1, "primary", System.out);
        List<String> cmd = run.command(handicapped, partial);
        assertTrue(cmd.get(0).endsWith("java"), cmd.toString());
        int jar0 = cmd.indexOf("-jar");
        assertEquals(List.of("-jar", "/x/new.jar", "Decode", "-jvmArgsPrepend", "-Xmx2g -Dllmbench.handicap=10%", "-f", "1", "-rf", "json", "-rff", partial.toString()),
                cmd.subList(jar0, cmd.size()));
        List<String> base = run.command(plain, partial);
        assertEquals(List.of("Decode", "-jvmArgsPrepend", "-Xmx2g", "-f", "1"), base.subList(base.indexOf("-jar") + 2, base.indexOf("-f") + 2));
        InterleavedRun noUserArgs = new InterleavedRun("ab", Path.of("/r"), plain, handicapped, List.of("Decode"), 2, 1, "primary", System.out);
        List<String> c2 = noUserArgs.command(handicapped, partial);
        assertEquals(List.of("Decode", "-jvmArgsPrepend", "-Dllmbench.handicap=10%", "-f"), c2.subList(c2.indexOf("-jar") + 2, c2.indexOf("-f") + 1));
    }
}
