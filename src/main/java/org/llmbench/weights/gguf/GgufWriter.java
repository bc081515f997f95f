package org.llmbench.weights.gguf;

import org.llmbench.LlmbenchException;
import org.llmbench.model.Arch;
import org.llmbench.model.ModelSpec;
import org.llmbench.model.TensorSpec;
import org.llmbench.quant.Bf16;
import org.llmbench.quant.Fp16;
import org.llmbench.quant.Q4_0;
import org.llmbench.quant.Q8_0;
import org.llmbench.quant.Quant;
import org.llmbench.weights.StoragePlan;
import org.llmbench.weights.TensorData;
import org.llmbench.weights.TensorType;
import org.llmbench.weights.WeightSource;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a model as a GGUF v3 file the way llama.cpp's converter lays it out: llama.cpp's metadata
 * keys for the architecture, a minimal tokenizer, and the tensors in the chosen quant (vectors
 * and GPT-2's position table in F32, as {@link StoragePlan} stores them). The file appears
 * atomically and never replaces an existing one.
 */
public final class GgufWriter {
    private static final int ALIGNMENT = GgufReader.DEFAULT_ALIGNMENT;

    private GgufWriter() {
    }

    /** The GGUF type that stores a quant, or an error naming the quants GGUF can hold. */
    public static TensorType typeFor(Quant quant) {
        TensorType t = TensorType.of(quant);
        if (t == null) throw new LlmbenchException("Quant '" + quant + "' has no GGUF type; GGUF files can hold fp32, fp16, bf16, int8 (Q8_0) and int4 (Q4_0).");
        return t;
    }

    /** Writes every tensor of the source at the quant to out; returns the file's size in bytes. */
    public static long write(WeightSource source, Quant quant, Path out) {
        TensorType matrixType = typeFor(quant);
        ModelSpec spec = source.spec();
        List<TensorSpec> tensors = spec.tensors();
        List<TensorType> types = new ArrayList<>();
        for (TensorSpec t : tensors) {
            TensorType type = StoragePlan.quantFor(t, quant) == Quant.FP32 ? TensorType.F32 : matrixType;
            if (t.cols() % type.blockSize() != 0) {
                throw new LlmbenchException("Cannot store " + t.name() + " of " + spec.name() + " as " + type + ": its rows of " + t.cols()
                        + " values are not a multiple of the block size " + type.blockSize() + "; choose fp32, fp16 or bf16.");
            }
            types.add(type);
        }
        if (Files.exists(out)) throw new LlmbenchException("Refusing to overwrite " + out + "; choose another output file.");
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
            try (LittleEndianOutput o = new LittleEndianOutput(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
                writeHeader(o, spec, metadata(spec, matrixType), tensors, types);
                for (int i = 0; i < tensors.size(); i++) {
                    o.pad(ALIGNMENT);
                    o.write(encode(source.tensor(tensors.get(i).name()), types.get(i)));
                }
            }
            try { // temp files are private (rw-------); a model file is for sharing like any other
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: keep its defaults
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
            return Files.size(out);
        } catch (IOException e) {
            throw new LlmbenchException("Cannot write " + out + ": " + e.getMessage() + ".");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a stray hidden .tmp file
                }
            }
        }
    }

    private static GgufMetadata metadata(ModelSpec spec, TensorType matrixType) {
        String a = spec.arch().id() + ".";
        GgufMetadata m = new GgufMetadata()
                .put("general.architecture", spec.arch().id())
                .put("general.name", spec.name())
                .put("general.alignment", ALIGNMENT)
                .put("general.file_type", fileType(matrixType))
                .put("general.quantization_version", 2)
                .put(a + "context_length", spec.maxSeq())
                .put(a + "embedding_length", spec.dim())
                .put(a + "feed_forward_length", spec.ffnDim())
                .put(a + "block_count", spec.layers())
                .put(a + "attention.head_count", spec.heads());
        if (spec.arch().positions().rotary()) {
            m.put(a + "attention.head_count_kv", spec.kvHeads()).put(a + "rope.freq_base", spec.ropeTheta());
        }
        if (spec.arch().norm() == Arch.Norm.RMS_NORM) {
            m.put(a + "rope.dimension_count", spec.headDim())
                    .put(a + "attention.layer_norm_rms_epsilon", spec.normEps())
                    .put(a + "vocab_size", spec.vocab());
        } else {
            m.put(a + "attention.layer_norm_epsilon", spec.normEps());
        }
        GgufTokenizer.add(m, spec);
        return m;
    }

    /** llama.cpp's llama_ftype for a file whose matrices are mostly of this type. */
    private static int fileType(TensorType t) {
        return switch (t) {
            case F32 -> 0;
            case F16 -> 1;
            case Q4_0 -> 2;
            case Q8_0 -> 7;
            case BF16 -> 32;
            default -> throw new IllegalArgumentException(t.name());
        };
    }

    private static void writeHeader(LittleEndianOutput o, ModelSpec spec, GgufMetadata meta, List<TensorSpec> tensors,
                                    List<TensorType> types) throws IOException {
        o.int32(GgufReader.MAGIC);
        o.int32(3);
        o.int64(tensors.size());
        o.int64(meta.entries.size());
        for (Map.Entry<String, Object> e : meta.entries.entrySet()) {
            o.string(e.getKey());
            value(o, e.getValue());
        }
        long offset = 0;
        for (int i = 0; i < tensors.size(); i++) {
            TensorSpec t = tensors.get(i);
            o.string(t.name());
            if (t.matrix()) {
                o.int32(2);
                o.int64(t.cols());
                o.int64(t.rows());
            } else {
                o.int32(1);
                o.int64(t.cols());
            }
            o.int32(types.get(i).ggmlId());
            offset = GgufReader.align(offset, ALIGNMENT);
            o.int64(offset);
            offset += types.get(i).rowBytes(t.cols()) * t.rows();
        }
    }

    private static void value(LittleEndianOutput o, Object v) throws IOException {
        if (v instanceof Integer i) {
            o.int32(GgufReader.UINT32);
            o.int32(i);
        } else if (v instanceof Float f) {
            o.int32(GgufReader.FLOAT32);
            o.int32(Float.floatToRawIntBits(f));
        } else if (v instanceof Boolean b) {
            o.int32(GgufReader.BOOL);
            o.write(new byte[]{(byte) (b ? 1 : 0)});
        } else if (v instanceof String s) {
            o.int32(GgufReader.STRING);
            o.string(s);
        } else if (v instanceof GgufMetadata.Strings s) {
            array(o, GgufReader.STRING, s.values().size());
            for (String x : s.values()) o.string(x);
        } else if (v instanceof GgufMetadata.Floats f) {
            array(o, GgufReader.FLOAT32, f.values().length);
            for (float x : f.values()) o.int32(Float.floatToRawIntBits(x));
        } else if (v instanceof GgufMetadata.Ints n) {
            array(o, GgufReader.INT32, n.values().length);
            for (int x : n.values()) o.int32(x);
        } else {
            throw new IllegalArgumentException("no GGUF type for " + v);
        }
    }

    private static void array(LittleEndianOutput o, int elementType, long count) throws IOException {
        o.int32(GgufReader.ARRAY);
        o.int32(elementType);
        o.int64(count);
    }

    /** The tensor's bytes in the type: copied as stored when it already is, else encoded from fp32. */
    static byte[] encode(TensorData t, TensorType type) {
        int n = Math.multiplyExact(t.rows(), t.cols());
        ByteBuffer stored = t.storedBytes();
        if (t.storedType() == type && stored != null) {
            byte[] b = new byte[stored.remaining()];
            stored.get(b);
            return b;
        }
        float[] v = t.toFloats();
        byte[] out = new byte[Math.toIntExact(type.rowBytes(n))];
        switch (type) {
            case F32 -> {
                for (int i = 0; i < n; i++) putInt(out, 4 * i, Float.floatToRawIntBits(v[i]));
            }
            case F16 -> {
                for (int i = 0; i < n; i++) putShort(out, 2 * i, Fp16.fromFloat(v[i]));
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) putShort(out, 2 * i, Bf16.fromFloat(v[i]));
            }
            case Q8_0 -> Q8_0.encode(v, 0, n, out, 0);
            case Q4_0 -> Q4_0.encode(v, 0, n, out, 0);
            default -> throw new IllegalArgumentException("llmbench does not write " + type);
        }
        return out;
    }

    private static void putShort(byte[] b, int o, short v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >> 8);
    }

    private static void putInt(byte[] b, int o, int v) {
        putShort(b, o, (short) v);
        putShort(b, o + 2, (short) (v >> 16));
    }

    /** A little-endian stream that knows its position, for GGUF's alignment padding. */
    private static final class LittleEndianOutput implements AutoCloseable {
        private final OutputStream out;
        private final byte[] scratch = new byte[8];
        private long position;

        LittleEndianOutput(OutputStream out) {
            this.out = out;
        }

        void write(byte[] b) throws IOException {
            out.write(b);
            position += b.length;
        }

        void int32(int v) throws IOException {
            putInt(scratch, 0, v);
            out.write(scratch, 0, 4);
            position += 4;
        }

        void int64(long v) throws IOException {
            putInt(scratch, 0, (int) v);
            putInt(scratch, 4, (int) (v >>> 32));
            out.write(scratch, 0, 8);
            position += 8;
        }

        void string(String s) throws IOException {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            int64(b.length);
            write(b);
        }

        void pad(int alignment) throws IOException {
            long target = GgufReader.align(position, alignment);
            write(new byte[(int) (target - position)]);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
