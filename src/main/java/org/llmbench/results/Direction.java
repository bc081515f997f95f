package org.llmbench.results;

/** Which way a number is better. */
public enum Direction {
    HIGHER_IS_BETTER, LOWER_IS_BETTER, UNKNOWN
}
