package org.llmbench.gemm;

import org.junit.jupiter.api.Test;
import org.llmbench.LlmbenchException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockedGemmTest {
    private static final int MR = BlockedGemm.MR, NR = BlockedGemm.NR, KC = BlockedGemm.KC,
            MC = BlockedGemm.MC, NCHUNK = BlockedGemm.NCHUNK;

    /** Odd sizes, one short of / one past every block size, and the skinny path (m <= 4), so every tail path runs. */
    private static final int[][] SHAPES = {
            {1, 1, 1}, {7, 13, 33}, {65, 17, 129}, {MR - 1, NR - 1, KC - 1}, {MR + 1, NR + 1, KC + 1},
            {MC + 1, NCHUNK + 1, 3}, {MC - 1, NCHUNK - 1, 2 * KC + 1}, {MR, NR, KC}, {1, 300, 20}, {300, 1, 20},
            {SkinnyGemm.MAX_ROWS, 257 + 7, 50}, {2, 513, 9}, {SkinnyGemm.MAX_ROWS + 1, 33, 40}};

    @Test
    void matchesTheScalarReferenceForEveryDtypeAndOddShapes() {
        try (JvmGemmBackend jvm = new JvmGemmBackend(2)) {
            for (GemmDtype dtype : GemmDtype.values()) {
                for (int[] mnk : SHAPES) {
                    GemmShape shape = new GemmShape(mnk[0], mnk[1], mnk[2]);
                    GemmProblem problem = GemmProblem.random(shape, dtype, 42);
                    jvm.prepare(problem);
                    jvm.multiply();
                    for (int i = 0; i < shape.m(); i++) {
                        for (int j = 0; j < shape.n(); j++) {
                            double want = problem.reference(i, j);
                            double tol = 1e-5 * problem.magnitude(i, j) + 1e-30;
                            assertEquals(want, jvm.product(i, j), tol, dtype + " " + shape + " at " + i + "," + j);
                        }
                    }
                    ProductCheck.verify(jvm, problem, 7);
                }
            }
        }
    }

    @Test
    void aSecondMultiplicationOverwritesRatherThanAccumulates() {
        try (JvmGemmBackend jvm = new JvmGemmBackend(2)) {
            GemmProblem problem = GemmProblem.random(new GemmShape(13, 40, 600), GemmDtype.FP32, 3);
            jvm.prepare(problem);
            jvm.multiply();
            jvm.multiply();
            ProductCheck.verify(jvm, problem, 1);
        }
    }

    @Test
    void theTrustCheckRejectsAWrongProduct() {
        GemmProblem problem = GemmProblem.random(new GemmShape(20, 20, 20), GemmDtype.FP32, 5);
        try (JvmGemmBackend jvm = new JvmGemmBackend(1)) {
            jvm.prepare(problem);
            jvm.multiply();
            GemmBackend offByOne = new GemmBackend() { // one entry slightly wrong: a corner, always sampled
                public String id() { return "broken"; }
                public void prepare(GemmProblem p) { }
                public long multiply() { return 0; }
                public double product(int i, int j) {
                    return jvm.product(i, j) + (i == 19 && j == 19 ? 1e-2 : 0);
                }
                public void close() { }
            };
            LlmbenchException e = assertThrows(LlmbenchException.class, () -> ProductCheck.verify(offByOne, problem, 9));
            assertTrue(e.getMessage().startsWith("broken fp32 20x20x20: wrong product at C[19][19]"), e.getMessage());
        }
    }

    @Test
    void badShapesAndDtypesAreOneClearSentence() {
        assertEquals(new GemmShape(64, 64, 64), GemmShape.of(64, 0, 0));
        assertEquals(new GemmShape(1, 4096, 4096), GemmShape.of(4096, 1, 0));
        assertTrue(assertThrows(LlmbenchException.class, () -> GemmShape.of(0, 0, 0)).getMessage().startsWith("n = 0 is invalid"));
        assertTrue(assertThrows(LlmbenchException.class, () -> GemmDtype.parse("fp8")).getMessage()
                .contains("valid dtypes are fp32, fp16, bf16, int8"));
        assertTrue(assertThrows(LlmbenchException.class, () -> GemmShape.of(65536, 1, 0)).getMessage()
                .startsWith("B (65536 x 65536) has more than 2^31 elements"));
    }
}
