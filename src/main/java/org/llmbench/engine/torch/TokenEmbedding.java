package org.llmbench.engine.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;

/**
 * The token embedding table, looked up by token id: dense (fp32 or fp16), or int8 rows with one
 * scale each (dynamic quantization stores the table as it stores every matrix; rows are widened
 * to fp32 only for the looked-up tokens). Lookups belong to the ids' manager.
 */
record TokenEmbedding(NDArray table, NDArray rowScale) {
    /** [..] int64 ids -> [.., dim] activations. */
    NDArray lookup(NDArray ids) {
        NDArray rows = Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
        if (rowScale == null) return rows;
        return rows.toType(DataType.FLOAT32, false).mul(Embedding.embedding(ids, rowScale, SparseFormat.DENSE).singletonOrThrow());
    }

    long bytes() {
        long b = table.getShape().size() * table.getDataType().getNumOfBytes();
        return rowScale == null ? b : b + rowScale.getShape().size() * rowScale.getDataType().getNumOfBytes();
    }
}
