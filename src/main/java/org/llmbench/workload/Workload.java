package org.llmbench.workload;

import org.llmbench.LlmbenchException;
import org.llmbench.engine.Engine;
import org.llmbench.engine.Sampler;
import org.llmbench.engine.Session;
import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;
import org.llmbench.weights.LoadProgress;
import org.llmbench.weights.QuantChoice;
import org.llmbench.weights.WeightSource;
import org.llmbench.weights.resolve.WeightSources;

import java.util.SplittableRandom;

/**
 * What one benchmark configuration runs: a loaded engine, a session for the batch, fixed
 * prompts and a greedy sampler. The JMH classes only hold parameters and call these methods.
 */
public final class Workload implements AutoCloseable {
    private final Engine engine;
    private final Session session;
    private final int[][] prompts;
    private final int[] next;
    private final int promptLen, genLen, vocab;
    private final Sampler sampler = Sampler.greedy();
    private String weightOrigin, conversion;

    private Workload(Engine engine, int batch, int promptLen, int genLen) {
        this.engine = engine;
        this.promptLen = promptLen;
        this.genLen = genLen;
        ModelSpec spec = engine.spec();
        this.vocab = spec.vocab();
        if (promptLen + genLen > spec.maxSeq()) {
            throw new LlmbenchException("promptLen " + promptLen + " + genLen " + genLen + " exceeds the " + spec.maxSeq()
                    + "-token context of " + spec.name() + ".");
        }
        this.session = engine.newSession(batch, promptLen + genLen);
        this.prompts = prompts(batch, promptLen, vocab);
        this.next = new int[batch];
    }

    /**
     * Validates every parameter, then loads the model (quant "auto": as its source stores it) and
     * opens a session sized for prompt plus generation.
     */
    public static Workload open(String model, String quant, String backend, int batch, int promptLen, int genLen) {
        QuantChoice.validate(quant);
        Backend be = Backend.parse(backend);
        if (batch < 1) throw new LlmbenchException("Batch " + batch + " is invalid; batch must be at least 1.");
        if (promptLen < 1) throw new LlmbenchException("promptLen " + promptLen + " is invalid; it must be at least 1.");
        if (genLen < 1) throw new LlmbenchException("genLen " + genLen + " is invalid; it must be at least 1.");
        WeightSource opened = WeightSources.open(model);
        Quant q = QuantChoice.resolve(quant, opened);
        LoadProgress source = new LoadProgress(opened, model + " at " + q.id(), System.out);
        Engine engine = be.load(source, q, Runtime.getRuntime().availableProcessors());
        source.finished();
        try {
            Workload w = new Workload(engine, batch, promptLen, genLen);
            w.weightOrigin = source.origin();
            w.conversion = source.conversion(q);
            return w;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** Deterministic prompt token ids, different per batch row. */
    static int[][] prompts(int batch, int len, int vocab) {
        SplittableRandom r = new SplittableRandom(1234);
        int[][] p = new int[batch][len];
        for (int[] row : p) {
            for (int i = 0; i < len; i++) row[i] = r.nextInt(vocab);
        }
        return p;
    }

    /** Time to first token: prefill every prompt from an empty cache and pick each row's first token. */
    public int firstToken() {
        session.truncate(0);
        sampler.sample(session.prefill(prompts), vocab, next);
        return next[0];
    }

    /** Rolls the cache back to the prompt and decodes genLen steps; returns the tokens produced (batch x genLen). */
    public long decode() {
        session.truncate(promptLen);
        for (int step = 0; step < genLen; step++) {
            sampler.sample(session.decode(next), vocab, next);
        }
        return (long) genLen * session.batch();
    }

    /** Weight bytes one {@link #decode()} reads: genLen steps, each reading the weights once for the whole batch. */
    public long decodeWeightBytes() {
        return genLen * engine.weightBytesPerDecodeStep(session.batch());
    }

    /** Where the weights came from ("synthetic (seed 42)", or a file and its identity). */
    public String weightOrigin() {
        return weightOrigin;
    }

    /** What loading converted, or null when every weight ran as stored. */
    public String conversion() {
        return conversion;
    }

    public Engine engine() {
        return engine;
    }

    public Session session() {
        return session;
    }

    @Override
    public void close() {
        session.close();
        engine.close();
    }
}
