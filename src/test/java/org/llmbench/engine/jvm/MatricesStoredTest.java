package org.llmbench.engine.jvm;

import org.junit.jupiter.api.Test;
import org.llmbench.quant.Q4_0;
import org.llmbench.quant.Q8_0;
import org.llmbench.quant.Quant;
import org.llmbench.weights.TensorType;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.*;

/** A file's Q8_0 / Q4_0 tensor runs on the int8 / int4 kernel from its bytes, without a detour through fp32. */
class MatricesStoredTest {

    @Test
    void storedBlocksAreWrappedAsTheyAre() {
        int rows = 3, cols = 64;
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) w[i] = (float) Math.sin(i);
        byte[] q8 = new byte[Q8_0.bytes(rows * cols)];
        Q8_0.encode(w, 0, w.length, q8, 0);
        Matrix m = Matrices.of(new NoFloats(TensorType.Q8_0, q8, rows, cols), Quant.INT8);
        assertArrayEquals(q8, ((Int8Matrix) m).toQ8_0());
        byte[] q4 = new byte[Q4_0.bytes(rows * cols)];
        Q4_0.encode(w, 0, w.length, q4, 0);
        Matrix m4 = Matrices.of(new NoFloats(TensorType.Q4_0, q4, rows, cols), Quant.INT4);
        float[] row = new float[cols];
        float[] want = new float[rows * cols];
        Q4_0.decode(q4, 0, rows * cols, want, 0);
        m4.row(2, row, 0);
        assertArrayEquals(java.util.Arrays.copyOfRange(want, 2 * cols, 3 * cols), row);
    }

    /** A stored tensor whose fp32 path must not be taken. */
    private record NoFloats(TensorType storedType, byte[] raw, int rows, int cols) implements org.llmbench.weights.TensorData {
        @Override
        public String name() {
            return "w";
        }

        @Override
        public float[] toFloats() {
            throw new AssertionError("decoded to fp32 although the kernel runs the stored type");
        }

        @Override
        public ByteBuffer storedBytes() {
            return ByteBuffer.wrap(raw).asReadOnlyBuffer();
        }
    }
}
