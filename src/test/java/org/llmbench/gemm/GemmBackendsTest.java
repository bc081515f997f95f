package org.llmbench.gemm;

import jcuda.CudaException;
import org.junit.jupiter.api.Test;
import org.llmbench.LlmbenchException;
import org.llmbench.bench.MatmulBenchmark;

import static org.junit.jupiter.api.Assertions.*;

class GemmBackendsTest {
    @Test
    void torchMultipliesCorrectlyOnThisMachine() {
        for (GemmDtype dtype : new GemmDtype[]{GemmDtype.FP32, GemmDtype.FP16, GemmDtype.INT8}) {
            GemmProblem problem = GemmProblem.random(new GemmShape(7, 13, 33), dtype, 11);
            try (GemmBackend torch = GemmBackends.open("torch", dtype, 2)) {
                torch.prepare(problem);
                assertTrue(torch.multiply() > 0);
                for (int i = 0; i < 7; i++) {
                    for (int j = 0; j < 13; j++) {
                        double tol = dtype.tolerance() * problem.magnitude(i, j);
                        assertEquals(problem.reference(i, j), torch.product(i, j), tol, dtype + " at " + i + "," + j);
                    }
                }
                ProductCheck.verify(torch, problem, 3);
            }
        }
    }

    @Test
    void bf16OnTorchIsRefusedBeforeDjlSeesIt() {
        LlmbenchException e = assertThrows(LlmbenchException.class, () -> GemmBackends.open("torch", GemmDtype.BF16, 2));
        assertEquals("torch: bf16 skipped (DJL 0.32's PyTorch engine aborts the JVM on BFLOAT16); valid dtypes for torch are fp32, fp16, int8.", e.getMessage());
    }

    /** Here (no CUDA driver) cublas must fail with one line; on a CUDA machine it must multiply correctly. */
    @Test
    void cublasEitherMultipliesCorrectlyOrFailsWithOneLine() {
        GemmProblem problem = GemmProblem.random(new GemmShape(33, 17, 65), GemmDtype.FP32, 4);
        GemmBackend cublas;
        try {
            cublas = GemmBackends.open("cublas", GemmDtype.FP32, 1);
        } catch (LlmbenchException e) {
            assertTrue(e.getMessage().startsWith("cublas: "), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertNull(e.getCause(), "JMH would print the cause's stack trace");
            if (!hasCudaDriver()) assertEquals("cublas: no CUDA driver (libcuda.so.1 not found).", e.getMessage());
            return;
        }
        try (cublas) {
            cublas.prepare(problem);
            cublas.multiply();
            ProductCheck.verify(cublas, problem, 5);
        }
    }

    @Test
    void missingCudaPiecesBecomeOneNamedLine() {
        assertEquals("cublas: no CUDA driver (libcuda.so.1 not found).",
                CublasGemmBackend.unavailable(new CudaException("cudaErrorInsufficientDriver")).getMessage());
        assertEquals("cublas: libcublas.so.12 not found.",
                CublasGemmBackend.unavailable(new UnsatisfiedLinkError("libcublas.so.12: cannot open shared object file")).getMessage());
        assertEquals("cublas: no CUDA device.",
                CublasGemmBackend.unavailable(new CudaException("cudaErrorNoDevice")).getMessage());
    }

    @Test
    void theBenchmarkFailsAnUnrunnableConfigurationInSetup() {
        MatmulBenchmark bench = new MatmulBenchmark();
        bench.backend = "torch";
        bench.dtype = "bf16";
        bench.n = 8;
        assertThrows(LlmbenchException.class, bench::setUp);
        bench.backend = "jvm";
        bench.dtype = "int8";
        bench.m = 3;
        bench.setUp(); // runs the trust check on a 3x8x8 product
        bench.tearDown();
    }

    @Test
    void sysinfoListsEveryBackendOnce() {
        var lines = GemmBackends.availability();
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("jvm     available"), lines.get(0));
        assertTrue(lines.get(1).startsWith("torch   available"), lines.get(1)); // the natives ship in the jar
        assertTrue(lines.get(2).startsWith("cublas  "), lines.get(2));
        if (!hasCudaDriver()) assertEquals("cublas  not available: no CUDA driver (libcuda.so.1 not found)", lines.get(2));
    }

    private static boolean hasCudaDriver() {
        for (String dir : new String[]{"/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/cuda/lib64", "/usr/lib/wsl/lib"}) {
            if (new java.io.File(dir, "libcuda.so.1").exists()) return true;
        }
        return false;
    }
}
