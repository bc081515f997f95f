package org.llmbench.engine.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import org.llmbench.LlmbenchException;
import org.llmbench.runtime.Libtorch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * PyTorch's dynamic quantization (torch.ops.quantized.linear_prepack / linear_dynamic, the kernels
 * torch.ao.quantization.quantize_dynamic puts behind nn.Linear). DJL's NDArray API has no quantized
 * tensors, but DJL runs TorchScript methods: this class writes a three-method TorchScript module
 * (the archive torch.jit.save would write for it, built here in memory) and calls those methods.
 * linear_dynamic quantizes activations per tensor to 7-bit unsigned (reduce_range, PyTorch's default
 * for fbgemm: full 8-bit activations can saturate fbgemm's 16-bit pair sums on AVX2).
 */
final class DynamicQuantOps implements AutoCloseable {
    private static final String PACKED = "__torch__.torch.classes.quantized.LinearPackedParamsBase";
    private static final String CODE = String.join("\n",
            "class DynamicQuant(Module):",
            "  __parameters__ = []",
            "  __buffers__ = []",
            "  training : bool",
            "  def forward(self: __torch__.DynamicQuant, x: Tensor) -> Tensor:",
            "    return x",
            "  def pack(self: __torch__.DynamicQuant, q: Tensor, scale: Tensor) -> " + PACKED + ":",
            "    zero = torch.zeros([torch.size(scale, 0)], dtype=4)",
            "    w = torch._make_per_channel_quantized_tensor(q, scale, zero, 0)",
            "    return ops.quantized.linear_prepack(w, None)",
            "  def pack_bias(self: __torch__.DynamicQuant, q: Tensor, scale: Tensor, bias: Tensor) -> " + PACKED + ":",
            "    zero = torch.zeros([torch.size(scale, 0)], dtype=4)",
            "    w = torch._make_per_channel_quantized_tensor(q, scale, zero, 0)",
            "    return ops.quantized.linear_prepack(w, bias)",
            "  def linear(self: __torch__.DynamicQuant, x: Tensor, w: " + PACKED + ") -> Tensor:",
            "    return ops.quantized.linear_dynamic(x, w, True)",
            "");

    private final PtNDManager manager;
    private final PtSymbolBlock module;

    DynamicQuantOps(NDManager engineManager) {
        this.manager = (PtNDManager) engineManager.newSubManager();
        try {
            this.module = JniUtils.loadModule(manager, new ByteArrayInputStream(archive()), false, false);
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw new LlmbenchException("torch: PyTorch's dynamic quantization is unavailable in this libtorch (" + Libtorch.oneLine(e) + ").");
        }
    }

    /**
     * Packs int8 weights (rows x cols) with per-row scales (float64) and an optional bias, as fbgemm
     * wants them; the packed weights live until this object is closed.
     */
    IValue pack(NDArray q, NDArray scale, NDArray bias) {
        IValue packed;
        try (IValue qv = IValue.from((PtNDArray) q); IValue sv = IValue.from((PtNDArray) scale)) {
            if (bias == null) {
                packed = IValueUtils.runMethod(module, "pack", qv, sv);
            } else {
                try (IValue bv = IValue.from((PtNDArray) bias)) {
                    packed = IValueUtils.runMethod(module, "pack_bias", qv, sv, bv);
                }
            }
        }
        manager.attachInternal(packed.getUid(), packed);
        return packed;
    }

    /** x W^T + b for fp32 x of any leading shape; the result belongs to x's manager. */
    NDArray linear(NDArray x, IValue packed) {
        try (IValue xv = IValue.from((PtNDArray) x); IValue y = IValueUtils.runMethod(module, "linear", xv, packed)) {
            return y.toTensor((PtNDManager) x.getManager());
        }
    }

    @Override
    public void close() {
        manager.close(); // closes the module
    }

    /** The TorchScript archive: a module object (data.pkl), its code, no constants. */
    private static byte[] archive() throws IOException {
        ByteArrayOutputStream pickle = new ByteArrayOutputStream();
        pickle.write(new byte[]{(byte) 0x80, 2}); // protocol 2
        pickle.write("c__torch__\nDynamicQuant\n".getBytes(StandardCharsets.US_ASCII)); // GLOBAL: the class
        pickle.write(new byte[]{')', (byte) 0x81, '}', 'X', 8, 0, 0, 0}); // NEWOBJ(); state {"training": True}
        pickle.write("training".getBytes(StandardCharsets.US_ASCII));
        pickle.write(new byte[]{(byte) 0x88, 's', 'b', '.'}); // True, SETITEM, BUILD, STOP
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            put(z, "dq/version", "3\n".getBytes(StandardCharsets.US_ASCII));
            put(z, "dq/data.pkl", pickle.toByteArray());
            put(z, "dq/constants.pkl", new byte[]{(byte) 0x80, 2, ')', '.'}); // an empty tuple
            put(z, "dq/code/__torch__.py", CODE.getBytes(StandardCharsets.US_ASCII));
        }
        return zip.toByteArray();
    }

    /** Entries stored uncompressed, as torch.jit.save writes them. */
    private static void put(ZipOutputStream z, String name, byte[] bytes) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        e.setCrc(crc.getValue());
        z.putNextEntry(e);
        z.write(bytes);
        z.closeEntry();
    }
}
