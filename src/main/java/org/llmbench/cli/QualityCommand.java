package org.llmbench.cli;

import org.llmbench.LlmbenchException;
import org.llmbench.io.AtomicFiles;
import org.llmbench.model.ModelRegistry;
import org.llmbench.quant.Quant;
import org.llmbench.weights.resolve.WeightSources;
import org.llmbench.workload.QualityEvaluation;
import org.llmbench.workload.QualityReport;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "quality", mixinStandardHelpOptions = true,
        description = "Compare quants with fp32 on the same weights: weight RMSE, logits cosine, KL divergence and top-1 agreement.")
final class QualityCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, split = ",", description = "Registry model name(s), comma-separated.")
    List<String> models;

    @Option(names = "--quant", required = true, split = ",", description = "Quant(s) to compare with fp32, comma-separated.")
    List<String> quants;

    @Option(names = "--positions", defaultValue = "" + QualityEvaluation.DEFAULT_POSITIONS,
            description = "Token positions of the fixed sequence compared (default: ${DEFAULT-VALUE}).")
    int positions;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--out", description = "Also write the results as a JSON array to this new file (never overwritten).")
    Path out;

    @Override
    public Integer call() {
        List<Quant> qs = quants.stream().map(Quant::parse).toList();
        models.forEach(WeightSources::validate);
        int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (nThreads < 1) throw new LlmbenchException("--threads " + nThreads + " is invalid; it must be at least 1.");
        if (out != null && out.toFile().exists()) {
            throw new LlmbenchException("Refusing to overwrite " + out + "; results are never overwritten, choose another output.");
        }
        List<QualityReport> reports = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%-15s %-8s %12s %-28s %12s %12s %10s%n",
                "model", "quant", "weight RMSE", "worst tensor (RMSE)", "logits cos", "KL (nats)", "top-1");
        for (String model : models) {
            QualityEvaluation eval = new QualityEvaluation(() -> WeightSources.open(model), positions, nThreads);
            for (Quant q : qs) {
                QualityReport r = eval.evaluate(q);
                reports.add(r);
                System.out.printf(Locale.ROOT, "%-15s %-8s %12.3e %-28s %12.6f %12.3e %9.1f%%%n", r.model(), r.quant(), r.weightRmse(),
                        r.worstTensor() + " (" + String.format(Locale.ROOT, "%.2e", r.worstTensorRmse()) + ")",
                        r.logitsCosine(), r.klDivergence(), 100 * r.top1Agreement());
            }
            System.out.println("(" + reports.get(reports.size() - 1).positions() + " positions of a fixed token sequence; weights "
                    + reports.get(reports.size() - 1).weights() + ")");
        }
        if (out != null) {
            AtomicFiles.writeNew(out, toJson(reports));
            System.out.println("llmbench: quality in " + out);
        }
        return 0;
    }

    /** The JSON array the report reads: one object per (model, quant). */
    static String toJson(List<QualityReport> reports) {
        JsonArray a = new JsonArray();
        for (QualityReport r : reports) {
            JsonObject o = new JsonObject();
            o.addProperty("model", r.model());
            o.addProperty("quant", r.quant());
            o.addProperty("weightRmse", r.weightRmse());
            o.addProperty("logitsCosine", r.logitsCosine());
            o.addProperty("klDivergence", r.klDivergence());
            o.addProperty("top1Agreement", r.top1Agreement());
            o.addProperty("worstTensor", r.worstTensor());
            o.addProperty("worstTensorRmse", r.worstTensorRmse());
            o.addProperty("positions", r.positions());
            o.addProperty("weights", r.weights());
            a.add(o);
        }
        return new GsonBuilder().setPrettyPrinting().create().toJson(a) + "\n";
    }
}
