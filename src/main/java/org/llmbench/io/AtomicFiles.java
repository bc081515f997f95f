package org.llmbench.io;

import org.llmbench.LlmbenchException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes result files whole or not at all, and never over an existing file. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void writeNew(Path target, String text) {
        writeNew(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeNew(Path target, byte[] bytes) {
        if (Files.exists(target)) {
            throw new LlmbenchException("Refusing to overwrite " + target + "; results are never overwritten, choose another output.");
        }
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
            Files.write(tmp, bytes);
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) { // temp files start as 0600
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LlmbenchException("Cannot write " + target + ": " + e.getMessage());
        }
    }
}
