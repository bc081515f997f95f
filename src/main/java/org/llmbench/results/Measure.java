package org.llmbench.results;

/**
 * The numbers a result stands for, with the name they carry in every output (summary.json,
 * report.csv), their unit and which way is better. The formulas follow the project's metric
 * vocabulary; {@link #definition} is the text the report prints.
 */
public enum Measure {
    TTFT("ttftMillis", "ms", Direction.LOWER_IS_BETTER,
            "TTFT = time from prefill start to the first generated token (prefill of promptLen tokens for every batch row plus sampling), JMH mean per operation."),
    PREFILL_TOKENS_PER_SECOND("prefillTokensPerSecond", "tokens/s", Direction.HIGHER_IS_BETTER,
            "Prefill tokens/s = batch · promptLen / TTFT."),
    DECODE_TOKENS_PER_SECOND("decodeTokensPerSecond", "tokens/s", Direction.HIGHER_IS_BETTER,
            "Decode tokens/s (batch B) = B · genLen · decode ops/s (the benchmark's `tokens` counter), Σtokens/Σtime over the measured iterations."),
    TPOT("tpotMillis", "ms", Direction.LOWER_IS_BETTER,
            "TPOT = time per output token of one sequence = B / decode tokens/s (each decode step yields one token per row)."),
    WEIGHT_BANDWIDTH("weightBytesPerSecond", "B/s", Direction.HIGHER_IS_BETTER,
            "Weight bandwidth = weight bytes read per operation · operations/s (the `weightBytes` counter; KV-cache reads not included); compare it with the machine's triad bandwidth."),
    LOAD_TIME("loadMillis", "ms", Direction.LOWER_IS_BETTER,
            "Load time = weights from their source into the engine's storage for the quant, single shot."),
    GFLOPS("gflopsPerSecond", "GFLOP/s", Direction.HIGHER_IS_BETTER,
            "GFLOP/s = 2 · m · n · k flop per multiplication · multiplications/s (the `gflops` counter)."),
    ROWS_PER_SECOND("rowsPerSecond", "rows/s", Direction.HIGHER_IS_BETTER,
            "Kernel rows/s = activation rows multiplied per second (the `tokens` counter of KernelBenchmark).");

    /** The key in summary.json and the column in report.csv. */
    public final String key;
    public final String unit;
    public final Direction direction;
    public final String definition;

    Measure(String key, String unit, Direction direction, String definition) {
        this.key = key;
        this.unit = unit;
        this.direction = direction;
        this.definition = definition;
    }
}
