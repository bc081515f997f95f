package org.llmbench.io;

import org.llmbench.LlmbenchException;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Creates a fresh, timestamped session folder; an existing folder is never reused (JMH runs and endpoint runs alike). */
public final class ResultsFolder {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private ResultsFolder() {
    }

    public static Path newSession(Path root) {
        String stamp = LocalDateTime.now().format(STAMP);
        try {
            Files.createDirectories(root);
            for (int i = 0; i < 1000; i++) {
                Path dir = root.resolve(i == 0 ? stamp : stamp + "-" + i);
                try {
                    return Files.createDirectory(dir); // atomic: fails if it exists
                } catch (FileAlreadyExistsException taken) {
                    // another run got this name: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new LlmbenchException("Cannot create a session folder under " + root.toAbsolutePath() + ": " + e.getMessage());
        }
        throw new LlmbenchException("Cannot find a free session folder name under " + root.toAbsolutePath() + ".");
    }
}
