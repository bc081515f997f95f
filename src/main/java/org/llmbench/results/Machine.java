package org.llmbench.results;

/** The machine and JVM a run came from. */
public record Machine(String cpuModel, int cores, long memoryBytes, String jdk, String jdkVendor, String os, String arch) {
}
