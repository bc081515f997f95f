package org.llmbench.suite;

import java.util.List;
import java.util.Map;

/**
 * One run of a suite: JMH benchmarks (include patterns; empty = all), parameter values (each a list;
 * unset parameters keep the benchmark's defaults) and JMH options. Every benchmark x parameter
 * combination is one configuration.
 *
 * <p>Runs are JMH runs today. The endpoint benchmark (issue 19) will add a second kind of run, one
 * that names endpoints instead of benchmarks: {@link SuiteFile} reserves the field {@code endpoints}
 * for it, and {@link SuitePlan} is where such a run would expand into its own configurations.
 */
public record SuiteRun(List<String> benchmarks, Map<String, List<String>> params, List<String> jmh) {
}
