package org.llmbench.weights.gguf;

import org.llmbench.LlmbenchException;
import org.llmbench.model.ModelSpec;
import org.llmbench.model.TensorSpec;
import org.llmbench.quant.Quant;
import org.llmbench.weights.StoragePlan;
import org.llmbench.weights.StoredTensor;
import org.llmbench.weights.TensorData;
import org.llmbench.weights.TensorType;
import org.llmbench.weights.WeightSource;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The weights of a GGUF file. Tensor names are GGUF's, which are llmbench's canonical names, so
 * this source is the identity. Each tensor is a memory map of its bytes; the engine copies them
 * once into its kernels' arrays (JDK 17 cannot run Vector API kernels on mapped memory).
 */
public final class GgufWeights implements WeightSource {
    private final GgufFile file;
    private final ModelSpec spec;
    private final FileChannel channel;

    private GgufWeights(GgufFile file, ModelSpec spec, FileChannel channel) {
        this.file = file;
        this.spec = spec;
        this.channel = channel;
    }

    /** Reads the header, builds the spec and checks every tensor the model needs. */
    public static GgufWeights open(Path path) {
        GgufFile file = GgufReader.read(path);
        ModelSpec spec = GgufSpec.of(file);
        try {
            return new GgufWeights(file, spec, FileChannel.open(path, StandardOpenOption.READ));
        } catch (IOException e) {
            throw new LlmbenchException("Cannot read GGUF file " + path + ": " + e.getMessage() + ".");
        }
    }

    /** Checks a file's header and model without keeping anything open. */
    public static ModelSpec inspect(Path path) {
        return GgufSpec.of(GgufReader.read(path));
    }

    public GgufFile file() {
        return file;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public TensorData tensor(String name) {
        GgufTensorInfo info = file.tensors().get(name);
        TensorSpec t = spec.tensors().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
        if (info == null || t == null) throw new LlmbenchException("Model " + spec.name() + " has no tensor '" + name + "'.");
        if (info.bytes() > Integer.MAX_VALUE) {
            throw new LlmbenchException("Tensor " + name + " of " + file.path() + " takes " + info.bytes() + " bytes; llmbench loads tensors of up to 2 GiB.");
        }
        try {
            var map = channel.map(FileChannel.MapMode.READ_ONLY, info.offset(), info.bytes()).order(ByteOrder.LITTLE_ENDIAN);
            return new StoredTensor(name, t.rows(), t.cols(), info.type(), map.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN));
        } catch (IOException e) {
            throw new LlmbenchException("Cannot read tensor " + name + " of " + file.path() + ": " + e.getMessage() + ".");
        }
    }

    @Override
    public boolean synthetic() {
        return false;
    }

    @Override
    public String origin() {
        String modified;
        try {
            modified = Files.getLastModifiedTime(file.path()).toString();
        } catch (IOException e) {
            modified = "?";
        }
        return "GGUF v" + file.version() + " file " + file.path().toAbsolutePath() + " (" + file.size() + " bytes, modified " + modified + ")";
    }

    @Override
    public Quant storedQuant() {
        Map<TensorType, Long> elements = new java.util.EnumMap<>(TensorType.class);
        for (TensorSpec t : spec.tensors()) {
            if (StoragePlan.takesQuant(t)) elements.merge(file.tensors().get(t.name()).type(), t.elements(), Long::sum);
        }
        return org.llmbench.weights.QuantChoice.dominantOf(elements);
    }

    @Override
    public String conversion(Quant quant) {
        Map<String, Integer> converted = new TreeMap<>();
        for (TensorSpec t : spec.tensors()) {
            TensorType stored = file.tensors().get(t.name()).type();
            Quant target = StoragePlan.quantFor(t, quant);
            if (stored.quant() != target && !(stored == TensorType.F32 && target == Quant.FP32)) {
                converted.merge(stored + "->" + target, 1, Integer::sum);
            }
        }
        if (converted.isEmpty()) return null;
        StringBuilder s = new StringBuilder("converted on load (decoded to fp32, then stored as the requested quant): ");
        converted.forEach((k, n) -> s.append(k).append(" x").append(n).append(", "));
        return s.substring(0, s.length() - 2);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // read-only: nothing to lose
        }
    }
}
