package org.llmbench.gemm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.llmbench.LlmbenchException;
import org.llmbench.runtime.Libtorch;

/**
 * PyTorch through DJL: on the GPU when libtorch sees one, else on the CPU with the natives from
 * the pytorch-native-cpu jar (offline: nothing is downloaded). Field notes: BFLOAT16 aborts the
 * JVM inside DJL 0.32, so bf16 is refused here before DJL sees it; int8 matMul would accumulate in
 * int8 and wrap, so int8 inputs are widened to int32 (the product is then an int32 GEMM).
 */
public final class TorchGemmBackend implements GemmBackend {
    private final GemmDtype dtype;
    private final Engine engine;
    private final Device device;
    private NDManager manager;
    private NDArray a, b, last;

    public TorchGemmBackend(GemmDtype dtype) {
        requireSupported(dtype);
        this.dtype = dtype;
        this.engine = engine();
        this.device = engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /** Refuses what DJL's PyTorch engine cannot run, before DJL is touched. */
    public static void requireSupported(GemmDtype dtype) {
        if (dtype == GemmDtype.BF16) {
            throw new LlmbenchException("torch: bf16 skipped (DJL 0.32's PyTorch engine aborts the JVM on BFLOAT16); valid dtypes for torch are fp32, fp16, int8.");
        }
    }

    /** The PyTorch engine, loaded offline; an LlmbenchException with one line when it cannot load. */
    public static Engine engine() {
        return Libtorch.engine();
    }

    @Override
    public String id() {
        return "torch";
    }

    /** "cpu" or "gpu(0)". */
    public String device() {
        return device.toString();
    }

    @Override
    public void prepare(GemmProblem problem) {
        manager = NDManager.newBaseManager(device, "PyTorch");
        a = upload(problem.a());
        b = upload(problem.b());
    }

    private NDArray upload(GemmOperand op) {
        Shape shape = new Shape(op.rows(), op.cols());
        return switch (dtype) {
            case FP32 -> manager.create(op.floats(), shape);
            case FP16 -> manager.create(op.toFloats(), shape).toType(DataType.FLOAT16, false); // exact: values are fp16
            case INT8 -> manager.create(op.bytes(), shape).toType(DataType.INT32, false);
            case BF16 -> throw new AssertionError("refused in the constructor");
        };
    }

    @Override
    public long multiply() {
        long t0 = System.nanoTime();
        NDArray c = a.matMul(b);
        if (device.isGpu()) {
            try (NDArray one = c.get(0, 0)) {
                one.toArray(); // CUDA ops are asynchronous: copying one entry waits for the product
            }
        }
        long elapsed = System.nanoTime() - t0;
        if (last != null) last.close();
        last = c;
        return elapsed;
    }

    @Override
    public double product(int i, int j) {
        try (NDArray entry = last.get(i, j); NDArray wide = entry.toType(DataType.FLOAT64, false)) {
            return wide.toDoubleArray()[0]; // int32 and fp16 values are exact in a double
        }
    }

    @Override
    public void close() {
        if (manager != null) manager.close(); // closes a, b and the last product
        manager = null;
    }

    static String oneLine(Throwable e) {
        return Libtorch.oneLine(e);
    }
}
