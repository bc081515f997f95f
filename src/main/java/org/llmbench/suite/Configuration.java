package org.llmbench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One benchmark at one value of each of its parameters, with the JMH options it runs under: one
 * JMH run of exactly one configuration.
 *
 * @param benchmark the full JMH name, e.g. org.llmbench.bench.DecodeBenchmark.decode
 * @param params    every parameter of the benchmark, by name in JMH's (alphabetical) order
 * @param options   JMH options, flag then value
 */
public record Configuration(String benchmark, Map<String, String> params, List<String> options) {

    /** The exact JMH command line of this configuration (without the result file, which the suite adds). */
    public List<String> jmhArgs() {
        List<String> args = new ArrayList<>(List.of("^" + Pattern.quote(benchmark) + "$"));
        params.forEach((k, v) -> args.addAll(List.of("-p", k + "=" + v)));
        args.addAll(options);
        return args;
    }

    /** "DecodeBenchmark.decode batch=1 model=llama-tiny ...": the class and method without the package. */
    public String label() {
        String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        String p = params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return p.isEmpty() ? shortName : shortName + " " + p;
    }
}
