package org.llmbench.bench;

import org.llmbench.model.ModelSpec;
import org.llmbench.results.BenchmarkKind;
import org.llmbench.results.ConfigurationRecord;
import org.llmbench.results.ModelShape;
import org.llmbench.results.SessionFiles;
import org.llmbench.workload.Workload;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writes what a configuration runs on into the session folder (see SessionFiles.record), from the benchmark's setup. */
final class Records {
    private Records() {
    }

    static void workload(BenchmarkParams jmh, Workload w) {
        ModelSpec s = w.engine().spec();
        SessionFiles.record(new ConfigurationRecord(jmh.getBenchmark(), params(jmh), BenchmarkKind.of(jmh.getBenchmark()), shape(s),
                w.weightOrigin(), w.engine().weightBytes(), w.session().kvCacheBytes(), w.conversion()));
    }

    static void model(BenchmarkParams jmh, ModelSpec s, String origin, long weightBytes, String conversion) {
        SessionFiles.record(new ConfigurationRecord(jmh.getBenchmark(), params(jmh), BenchmarkKind.of(jmh.getBenchmark()), shape(s),
                origin, weightBytes, Double.NaN, conversion));
    }

    static void matrix(BenchmarkParams jmh, long weightBytes) {
        SessionFiles.record(new ConfigurationRecord(jmh.getBenchmark(), params(jmh), BenchmarkKind.of(jmh.getBenchmark()), null,
                "synthetic (seed 7)", weightBytes, Double.NaN, null));
    }

    static ModelShape shape(ModelSpec s) {
        return new ModelShape(s.name(), s.arch().id(), s.layers(), s.dim(), s.heads(), s.kvHeads(), s.ffnDim(), s.vocab(), s.maxSeq(),
                s.parameterCount());
    }

    private static Map<String, String> params(BenchmarkParams jmh) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String k : jmh.getParamsKeys()) p.put(k, jmh.getParam(k));
        return p;
    }
}
