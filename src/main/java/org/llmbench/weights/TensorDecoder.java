package org.llmbench.weights;

import org.llmbench.quant.Bf16;
import org.llmbench.quant.Fp16;
import org.llmbench.quant.KQuants;
import org.llmbench.quant.Q4_0;
import org.llmbench.quant.Q8_0;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Turns stored tensor bytes of any readable type into fp32 values, using the quant package's codecs. */
public final class TensorDecoder {
    private TensorDecoder() {
    }

    /** Decodes n values (a multiple of the type's block size) from the bytes of a tensor. */
    public static float[] toFloats(TensorType type, ByteBuffer stored, int n) {
        ByteBuffer in = stored.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[n];
        switch (type) {
            case F32 -> in.asFloatBuffer().get(out);
            case F16 -> {
                for (int i = 0; i < n; i++) out[i] = Fp16.toFloat(in.getShort(in.position() + 2 * i));
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) out[i] = Bf16.toFloat(in.getShort(in.position() + 2 * i));
            }
            default -> {
                byte[] raw = new byte[(int) type.rowBytes(n)];
                in.get(raw);
                int blocks = n / type.blockSize();
                switch (type) {
                    case Q8_0 -> Q8_0.decode(raw, 0, n, out, 0);
                    case Q4_0 -> Q4_0.decode(raw, 0, n, out, 0);
                    case Q4_K -> KQuants.decodeQ4K(raw, 0, blocks, out, 0);
                    case Q5_K -> KQuants.decodeQ5K(raw, 0, blocks, out, 0);
                    case Q6_K -> KQuants.decodeQ6K(raw, 0, blocks, out, 0);
                    default -> throw new IllegalStateException("no decoder for " + type);
                }
            }
        }
        return out;
    }
}
