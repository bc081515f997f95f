package org.llmbench.results;

import java.util.List;

/**
 * env.json: when, where, by which build and with which arguments a run was made.
 *
 * @param roofline null unless the run measured it (runs that include Kernel or Matmul benchmarks)
 */
public record RunEnvironment(String started, BuildInfo build, Machine machine, List<String> jmhArgs, Roofline roofline) {
}
