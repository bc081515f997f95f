package org.llmbench.engine.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.jni.IValue;

/** One linear layer, y = x W^T + b, on the torch engine; the result belongs to x's manager. */
interface TorchLinear {
    NDArray apply(NDArray x);

    /** Bytes of the weights (and bias) as stored. */
    long bytes();

    /** fp32 or fp16 weights as one dense tensor: torch.nn.functional.linear. */
    record Dense(NDArray weight, NDArray bias) implements TorchLinear {
        @Override
        public NDArray apply(NDArray x) {
            return Linear.linear(x, weight, bias).singletonOrThrow();
        }

        @Override
        public long bytes() {
            return weight.getShape().size() * weight.getDataType().getNumOfBytes()
                    + (bias == null ? 0 : bias.getShape().size() * bias.getDataType().getNumOfBytes());
        }
    }

    /** int8 weights packed for fbgemm (per-row scales, bias inside), fp32 activations quantized per call. */
    record DynamicInt8(DynamicQuantOps ops, IValue packed, long bytes) implements TorchLinear {
        @Override
        public NDArray apply(NDArray x) {
            return ops.linear(x, packed);
        }
    }
}
