package org.llmbench.weights.hf;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.llmbench.LlmbenchException;
import org.llmbench.model.ModelSpec;
import org.llmbench.model.TensorSpec;
import org.llmbench.quant.Quant;
import org.llmbench.weights.FloatTensor;
import org.llmbench.weights.StoragePlan;
import org.llmbench.weights.TensorData;
import org.llmbench.weights.TensorDecoder;
import org.llmbench.weights.WeightSource;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The weights of a Hugging Face model folder (config.json plus one or more .safetensors files,
 * sharded through model.safetensors.index.json), renamed and re-laid-out to GGUF's conventions
 * exactly as llama.cpp's converter does, so a folder and its GGUF conversion compute the same.
 * Tensors are decoded to fp32 on load; the engine then stores them in the requested quant.
 */
public final class HfWeights implements WeightSource {
    private final Path folder;
    private final ModelSpec spec;
    private final HfConfig config;
    private final Map<String, Safetensors.Entry> entries;
    private final Map<String, HfTensorNames.Source> sources = new HashMap<>();
    private final Map<String, TensorSpec> specs = new HashMap<>();

    private HfWeights(Path folder) {
        this.folder = folder;
        this.config = HfConfig.read(folder);
        this.entries = readHeaders(folder);
        boolean tied = config.tiedByConfig() || !entries.containsKey("lm_head.weight");
        this.spec = config.spec(folder.toAbsolutePath().normalize().getFileName().toString(), tied);
        for (TensorSpec t : spec.tensors()) {
            specs.put(t.name(), t);
            sources.put(t.name(), check(t));
        }
    }

    public static HfWeights open(Path folder) {
        return new HfWeights(folder);
    }

    public static ModelSpec inspect(Path folder) {
        return new HfWeights(folder).spec;
    }

    /** The safetensors entry each GGUF-named tensor comes from (for inspection). */
    public Map<String, String> storedTypes() {
        Map<String, String> types = new TreeMap<>();
        for (var e : sources.entrySet()) types.put(e.getKey(), entry(e.getValue()).dtype());
        return types;
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public boolean synthetic() {
        return false;
    }

    @Override
    public String origin() {
        return "Hugging Face folder " + folder.toAbsolutePath().normalize() + " (" + config.architecture() + ", "
                + new TreeSet<>(entries.values().stream().map(e -> e.file().getFileName().toString()).toList()).size() + " safetensors files)";
    }

    @Override
    public Quant storedQuant() {
        Map<org.llmbench.weights.TensorType, Long> elements = new java.util.EnumMap<>(org.llmbench.weights.TensorType.class);
        for (TensorSpec t : spec.tensors()) {
            if (StoragePlan.takesQuant(t)) elements.merge(entry(sources.get(t.name())).type(), t.elements(), Long::sum);
        }
        return org.llmbench.weights.QuantChoice.dominantOf(elements);
    }

    @Override
    public String conversion(Quant quant) {
        Map<String, Integer> converted = new TreeMap<>();
        for (TensorSpec t : spec.tensors()) {
            Safetensors.Entry e = entry(sources.get(t.name()));
            Quant target = StoragePlan.quantFor(t, quant);
            if (e.type().quant() != target) converted.merge(e.dtype() + "->" + target, 1, Integer::sum);
        }
        if (converted.isEmpty()) return null;
        StringBuilder s = new StringBuilder("converted on load (decoded to fp32, then stored as the requested quant): ");
        converted.forEach((k, n) -> s.append(k).append(" x").append(n).append(", "));
        return s.substring(0, s.length() - 2);
    }

    @Override
    public TensorData tensor(String name) {
        TensorSpec t = specs.get(name);
        if (t == null) throw new LlmbenchException("Model " + spec.name() + " has no tensor '" + name + "'.");
        HfTensorNames.Source src = sources.get(name);
        Safetensors.Entry e = entry(src);
        float[] v;
        try (FileChannel ch = FileChannel.open(e.file(), StandardOpenOption.READ)) {
            if (e.bytes() > Integer.MAX_VALUE) throw new LlmbenchException("Tensor " + e.name() + " of " + e.file() + " takes " + e.bytes() + " bytes; llmbench loads tensors of up to 2 GiB.");
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, e.offset(), e.bytes());
            v = TensorDecoder.toFloats(e.type(), map.order(ByteOrder.LITTLE_ENDIAN), Math.toIntExact(t.elements()));
        } catch (IOException ex) {
            throw new LlmbenchException("Cannot read tensor " + e.name() + " of " + e.file() + ": " + ex.getMessage() + ".");
        }
        return new FloatTensor(name, t.rows(), t.cols(), HfLayouts.toGguf(src.layout(), v, t.rows(), t.cols(), spec));
    }

    private Safetensors.Entry entry(HfTensorNames.Source src) {
        for (String n : src.names()) {
            Safetensors.Entry e = entries.get(n);
            if (e != null) return e;
        }
        return null;
    }

    /** Finds the HF tensor behind a GGUF name and checks its dtype and shape. */
    private HfTensorNames.Source check(TensorSpec t) {
        HfTensorNames.Source src = HfTensorNames.source(spec.arch(), t.name());
        Safetensors.Entry e = src == null ? null : entry(src);
        if (e == null) {
            throw new LlmbenchException("Hugging Face folder " + folder + " lacks tensor " + (src == null ? t.name() : src.names().get(0))
                    + " that " + config.architecture() + " needs.");
        }
        if (e.type() == null) {
            throw new LlmbenchException("Tensor " + e.name() + " in " + e.file() + " has dtype " + e.dtype() + "; llmbench reads F32, F16 and BF16 safetensors.");
        }
        long[] want = !t.matrix() ? new long[]{t.cols()}
                : src.layout() == HfTensorNames.Layout.TRANSPOSED ? new long[]{t.cols(), t.rows()} : new long[]{t.rows(), t.cols()};
        if (!java.util.Arrays.equals(want, e.shape())) {
            throw new LlmbenchException("Tensor " + e.name() + " in " + e.file() + " has shape " + e.shapeText() + " where config.json implies "
                    + java.util.Arrays.toString(want) + ".");
        }
        return src;
    }

    /** Headers of the shards the index names, or of every .safetensors file in the folder. */
    private static Map<String, Safetensors.Entry> readHeaders(Path folder) {
        Path index = folder.resolve("model.safetensors.index.json");
        TreeSet<Path> files = new TreeSet<>();
        if (Files.isRegularFile(index)) {
            try {
                if (Files.size(index) > Safetensors.MAX_HEADER) throw new LlmbenchException("Index " + index + " is larger than 100 MiB; it is not a safetensors index.");
                JsonObject map = JsonParser.parseString(Files.readString(index)).getAsJsonObject().getAsJsonObject("weight_map");
                for (Map.Entry<String, JsonElement> e : map.entrySet()) {
                    String shard = e.getValue().getAsString();
                    if (shard.contains("/") || shard.contains("\\") || shard.startsWith(".")) {
                        throw new LlmbenchException("Index " + index + " names shard '" + shard + "' outside its folder; shards are file names in the folder.");
                    }
                    files.add(folder.resolve(shard));
                }
            } catch (IOException e) {
                throw new LlmbenchException("Cannot read " + index + ": " + e.getMessage() + ".");
            } catch (LlmbenchException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new LlmbenchException("Index " + index + " is invalid: it needs a weight_map object of tensor name to shard file name.");
            }
        } else {
            try (Stream<Path> s = Files.list(folder)) {
                s.filter(p -> p.getFileName().toString().endsWith(".safetensors")).forEach(files::add);
            } catch (IOException e) {
                throw new LlmbenchException("Cannot list " + folder + ": " + e.getMessage() + ".");
            }
        }
        if (files.isEmpty()) throw new LlmbenchException("Folder " + folder + " holds no .safetensors files (llmbench reads safetensors, not .bin checkpoints).");
        Map<String, Safetensors.Entry> all = new HashMap<>();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw new LlmbenchException("Shard " + f + " named by the index does not exist.");
            all.putAll(Safetensors.read(f));
        }
        return all;
    }
}
