package org.llmbench.gemm;

import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.cudaDataType;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasComputeType;
import jcuda.jcublas.cublasGemmAlgo;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.runtime.JCuda;
import jcuda.runtime.cudaEvent_t;
import jcuda.runtime.cudaMemcpyKind;
import jcuda.runtime.cudaStream_t;
import org.llmbench.LlmbenchException;

/**
 * cuBLAS through JCublas2: cublasGemmEx_new (a real cublasComputeType; the old cublasGemmEx binding
 * passes a legacy cudaDataType and rejects bf16) with fp32 compute for fp32/fp16/bf16 inputs and
 * int32 compute for int8, an fp32 (int32) C. Row-major C = A * B is the column-major product
 * C^T = B^T * A^T, i.e. the call (n, m, k, B, A). Device buffers are allocated once per trial in
 * {@link #prepare}; each multiplication is timed with CUDA events on this backend's own stream.
 * Any missing piece (driver, libcublas, device) becomes one LlmbenchException line.
 */
public final class CublasGemmBackend implements GemmBackend {
    private final GemmDtype dtype;
    private final cublasHandle handle = new cublasHandle();
    private final cudaStream_t stream = new cudaStream_t();
    private final cudaEvent_t start = new cudaEvent_t(), stop = new cudaEvent_t();
    private final Pointer dA = new Pointer(), dB = new Pointer(), dC = new Pointer();
    private boolean handleCreated, streamCreated, eventsCreated, allocated;
    private GemmShape shape;

    public CublasGemmBackend(GemmDtype dtype) {
        this.dtype = dtype;
        try {
            requireDevice();
            JCublas2.setExceptionsEnabled(true);
            JCublas2.cublasCreate(handle);
            handleCreated = true;
            JCuda.cudaStreamCreate(stream);
            streamCreated = true;
            JCublas2.cublasSetStream(handle, stream);
            JCuda.cudaEventCreate(start);
            JCuda.cudaEventCreate(stop);
            eventsCreated = true;
        } catch (CudaException | LinkageError e) {
            close();
            throw unavailable(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Throws one clear line unless a CUDA driver and at least one device are present; returns the device count. */
    public static int requireDevice() {
        try {
            JCuda.setExceptionsEnabled(true);
            int[] count = {0};
            JCuda.cudaGetDeviceCount(count);
            if (count[0] == 0) throw new LlmbenchException("cublas: no CUDA device found.");
            return count[0];
        } catch (CudaException | LinkageError e) {
            throw unavailable(e);
        }
    }

    /** The one line for a missing CUDA piece. */
    static LlmbenchException unavailable(Throwable e) {
        String m = TorchGemmBackend.oneLine(e);
        String why;
        if (m.contains("cudaErrorInsufficientDriver") || m.contains("libcuda")) {
            why = "no CUDA driver (libcuda.so.1 not found)";
        } else if (m.contains("cublas")) {
            why = "libcublas.so.12 not found";
        } else if (m.contains("cudaErrorNoDevice")) {
            why = "no CUDA device";
        } else {
            why = m;
        }
        return new LlmbenchException("cublas: " + why + "."); // no cause: JMH prints causes, and this must stay one line
    }

    @Override
    public String id() {
        return "cublas";
    }

    @Override
    public void prepare(GemmProblem problem) {
        shape = problem.shape();
        long outBytes = (long) shape.m() * shape.n() * 4; // fp32 or int32
        try {
            JCuda.cudaMalloc(dA, (long) shape.m() * shape.k() * dtype.bytes());
            JCuda.cudaMalloc(dB, (long) shape.k() * shape.n() * dtype.bytes());
            JCuda.cudaMalloc(dC, outBytes);
            allocated = true;
            upload(dA, problem.a());
            upload(dB, problem.b());
        } catch (CudaException e) {
            throw new LlmbenchException("cublas: " + shape + " " + dtype + " does not fit on the device (" + TorchGemmBackend.oneLine(e) + ").");
        }
    }

    private void upload(Pointer device, GemmOperand op) {
        long bytes = (long) op.rows() * op.cols() * dtype.bytes();
        Pointer host = switch (dtype) {
            case FP32 -> Pointer.to(op.floats());
            case FP16, BF16 -> Pointer.to(op.halfBits());
            case INT8 -> Pointer.to(op.bytes());
        };
        JCuda.cudaMemcpy(device, host, bytes, cudaMemcpyKind.cudaMemcpyHostToDevice);
    }

    @Override
    public long multiply() {
        int inType = switch (dtype) {
            case FP32 -> cudaDataType.CUDA_R_32F;
            case FP16 -> cudaDataType.CUDA_R_16F;
            case BF16 -> cudaDataType.CUDA_R_16BF;
            case INT8 -> cudaDataType.CUDA_R_8I;
        };
        boolean integer = dtype == GemmDtype.INT8;
        int outType = integer ? cudaDataType.CUDA_R_32I : cudaDataType.CUDA_R_32F;
        int compute = integer ? cublasComputeType.CUBLAS_COMPUTE_32I : cublasComputeType.CUBLAS_COMPUTE_32F;
        Pointer alpha = integer ? Pointer.to(new int[]{1}) : Pointer.to(new float[]{1f});
        Pointer beta = integer ? Pointer.to(new int[]{0}) : Pointer.to(new float[]{0f});
        int m = shape.m(), n = shape.n(), k = shape.k();
        JCuda.cudaEventRecord(start, stream);
        JCublas2.cublasGemmEx_new(handle, cublasOperation.CUBLAS_OP_N, cublasOperation.CUBLAS_OP_N,
                n, m, k, alpha, dB, inType, n, dA, inType, k, beta, dC, outType, n,
                compute, cublasGemmAlgo.CUBLAS_GEMM_DEFAULT);
        JCuda.cudaEventRecord(stop, stream);
        JCuda.cudaEventSynchronize(stop);
        float[] ms = {0f};
        JCuda.cudaEventElapsedTime(ms, start, stop);
        return Math.round(ms[0] * 1e6);
    }

    @Override
    public double product(int i, int j) {
        long offset = ((long) i * shape.n() + j) * Sizeof.FLOAT; // int32 has the same size
        if (dtype == GemmDtype.INT8) {
            int[] v = {0};
            JCuda.cudaMemcpy(Pointer.to(v), dC.withByteOffset(offset), 4, cudaMemcpyKind.cudaMemcpyDeviceToHost);
            return v[0];
        }
        float[] v = {0f};
        JCuda.cudaMemcpy(Pointer.to(v), dC.withByteOffset(offset), 4, cudaMemcpyKind.cudaMemcpyDeviceToHost);
        return v[0];
    }

    @Override
    public void close() {
        try {
            if (allocated) {
                JCuda.cudaFree(dA);
                JCuda.cudaFree(dB);
                JCuda.cudaFree(dC);
                allocated = false;
            }
            if (eventsCreated) {
                JCuda.cudaEventDestroy(start);
                JCuda.cudaEventDestroy(stop);
                eventsCreated = false;
            }
            if (handleCreated) {
                JCublas2.cublasDestroy(handle);
                handleCreated = false;
            }
            if (streamCreated) {
                JCuda.cudaStreamDestroy(stream);
                streamCreated = false;
            }
        } catch (CudaException | LinkageError ignored) {
            // closing after a failure: nothing more to free
        }
    }
}
