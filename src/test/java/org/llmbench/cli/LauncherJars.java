package org.llmbench.cli;

import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;
import org.llmbench.weights.SyntheticWeights;
import org.llmbench.weights.gguf.GgufWriter;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Real jars for ab's tests, made in a moment: during the test phase the shaded jar does not exist
 * yet, so these are launcher jars whose manifest runs llmbench's Main from this build's classes and
 * dependencies (Class-Path), which {@code java -jar} and JMH's forks follow like any jar.
 */
final class LauncherJars {
    private LauncherJars() {
    }

    /** A jar that runs {@code mainClass} with this JVM's class path, optionally preceded by {@code first}. */
    static Path write(Path jar, String mainClass, Path first) {
        List<String> entries = new ArrayList<>();
        if (first != null) entries.add(first.toUri().toString());
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isBlank()) entries.add(Path.of(e).toAbsolutePath().toUri().toString());
        }
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", entries));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A candidate whose DecodeBenchmark has a different parameter space (batch 1 only, where this
     * build has 1 and 8): its benchmark list comes first on its class path.
     */
    static Path withDecodeBatchOneOnly(Path jar, Path dir) throws IOException {
        String list;
        try (var in = Main.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            list = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String edited = list.replace(" 5 batch 2 8 xAA===== 8 4AA===== ", " 5 batch 1 8 xAA===== ");
        if (edited.equals(list)) throw new IllegalStateException("DecodeBenchmark's batch values are no longer {1, 8}: update this test");
        Files.createDirectories(dir.resolve("META-INF"));
        Files.writeString(dir.resolve("META-INF/BenchmarkList"), edited);
        return write(jar, LlmbenchJar.MAIN, dir);
    }

    /** A tiny Llama (dim 64, 2 layers, vocab 100) as a GGUF file: a decode step takes microseconds. */
    static Path tinyModel(Path file) {
        ModelSpec spec = new ModelSpec("t-llama", Arch.LLAMA, 64, 2, 4, 2, 96, 100, 32, 10000f, 1e-5f, false);
        GgufWriter.write(new SyntheticWeights(spec), Quant.FP32, file);
        return file;
    }
}
