package org.llmbench.results;

import java.util.List;

/**
 * endpoint.json: everything about an endpoint run except the per-request rows (requests.csv):
 * its arguments (no secrets), endpoints, settings, warnings and the summaries.
 *
 * @param started   ISO-8601 time the run began
 * @param arguments the command line as given (keys never appear on it: they come from environment variables)
 * @param warnings  e.g. schedule lag beyond 10% of the mean inter-arrival time, an endpoint that failed every request
 */
public record EndpointRunInfo(String kind, String started, String finished, List<String> arguments,
                              List<EndpointTargetInfo> endpoints, EndpointSettings settings,
                              List<String> warnings, List<EndpointSummary> summaries) {
    public static final String FILE = "endpoint.json";
    public static final String KIND = "endpoint";
}
