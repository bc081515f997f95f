package org.llmbench.engine.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.llmbench.LlmbenchException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Copies Java arrays into tensors libtorch owns. DJL's create() wraps a direct ByteBuffer in a tensor
 * without copying (torch::from_blob), so the memory is Java's and is freed only when the collector
 * gets to the buffer, and a tensor derived from it without a copy (a same-type toType) reads freed
 * memory once the array is closed. Here every array is staged through one reused direct buffer and
 * cloned or converted into libtorch's own memory, which close() frees at once.
 */
final class Staging {
    private ByteBuffer buffer = ByteBuffer.allocateDirect(0);

    /** fp32 values as a tensor of type {@code as} (a conversion copies; the same type is cloned). */
    NDArray floats(NDManager m, float[] v, Shape shape, DataType as) {
        ByteBuffer b = room(4L * v.length);
        b.asFloatBuffer().put(v);
        return owned(m, b, shape, DataType.FLOAT32, as);
    }

    NDArray bytes(NDManager m, byte[] v, Shape shape) {
        ByteBuffer b = room(v.length);
        b.put(v).flip();
        return owned(m, b, shape, DataType.INT8, DataType.INT8);
    }

    NDArray doubles(NDManager m, double[] v, Shape shape) {
        ByteBuffer b = room(8L * v.length);
        b.asDoubleBuffer().put(v);
        return owned(m, b, shape, DataType.FLOAT64, DataType.FLOAT64);
    }

    private ByteBuffer room(long bytes) {
        if (bytes > Integer.MAX_VALUE) throw new LlmbenchException("A tensor of " + bytes + " bytes is too large for the torch engine, which stages each tensor in one buffer of at most 2 GiB.");
        if (buffer.capacity() < bytes) buffer = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
        ByteBuffer b = buffer.duplicate().order(ByteOrder.nativeOrder());
        b.clear().limit((int) bytes);
        return b;
    }

    private static NDArray owned(NDManager m, ByteBuffer b, Shape shape, DataType type, DataType as) {
        try (NDArray view = m.create(b, shape, type)) {
            return as == type ? view.duplicate() : view.toType(as, false);
        }
    }
}
