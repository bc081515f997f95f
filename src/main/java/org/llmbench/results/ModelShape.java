package org.llmbench.results;

/**
 * A model's shape as the run saw it, so a report can describe the model without the registry.
 *
 * @param contextLength the most positions (prompt plus generated) a sequence may hold
 * @param parameters    weight elements (embeddings included)
 */
public record ModelShape(String name, String arch, int layers, int dim, int heads, int kvHeads, int ffnDim, int vocab,
                         int contextLength, long parameters) {
}
