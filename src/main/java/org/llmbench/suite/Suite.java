package org.llmbench.suite;

import java.util.List;

/** A named set of benchmark runs: a preset shipped in the jar or a user's suite file. */
public record Suite(String name, String description, List<SuiteRun> runs) {
}
