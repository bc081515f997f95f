package org.llmbench.weights.hf;

import org.llmbench.weights.WeightSource;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests of other packages write an HF folder (one F32 shard). */
public final class HfFoldersAccess {
    private HfFoldersAccess() {
    }

    public static Path write(WeightSource source, Path folder) throws IOException {
        return HfFolders.write(source, folder, "F32", 1);
    }
}
