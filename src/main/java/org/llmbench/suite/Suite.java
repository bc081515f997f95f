package org.llmbench.suite;

import java.util.List;

/**
 * A named set of benchmark runs: a preset shipped in the jar or a user's suite file.
 *
 * @param origin where it came from ("preset standard", "suite file my.yaml"), the start of every error about it
 */
public record Suite(String name, String origin, String description, List<SuiteRun> runs) {
}
