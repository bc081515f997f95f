package org.llmbench.report;

import org.llmbench.results.EndpointResults;
import org.llmbench.results.EndpointSettings;
import org.llmbench.results.EndpointSummary;
import org.llmbench.results.RequestRecord;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One endpoint run as the report reads it: endpoints in run order, levels, summaries and measured requests by endpoint and level. */
final class EndpointView {
    final EndpointResults run;
    private final List<String> endpoints = new ArrayList<>();
    private final Map<String, List<RequestRecord>> measured;

    EndpointView(EndpointResults run) {
        this.run = run;
        run.info().endpoints().forEach(e -> endpoints.add(e.name()));
        run.info().summaries().forEach(s -> {
            if (!endpoints.contains(s.endpoint())) endpoints.add(s.endpoint());
        });
        this.measured = run.measured().stream().collect(Collectors.groupingBy(r -> r.endpoint() + "\u0000" + r.level(), LinkedHashMap::new, Collectors.toList()));
    }

    List<String> endpoints() {
        return endpoints;
    }

    String mode() {
        return run.info().settings().mode();
    }

    List<String> levelLabels() {
        return run.info().settings().levels();
    }

    EndpointSettings settings() {
        return run.info().settings();
    }

    /** The "all" summaries in run order. */
    List<EndpointSummary> levelSummaries() {
        return run.info().summaries().stream().filter(EndpointSummary::isAll).toList();
    }

    List<EndpointSummary> groupSummaries(String prefix) {
        return run.info().summaries().stream().filter(s -> s.group().startsWith(prefix)).toList();
    }

    EndpointSummary summary(String endpoint, String level) {
        return levelSummaries().stream().filter(s -> s.endpoint().equals(endpoint) && s.level().equals(level)).findFirst().orElse(null);
    }

    List<RequestRecord> measured(EndpointSummary s) {
        return measured.getOrDefault(s.endpoint() + "\u0000" + s.level(), List.of());
    }

    List<RequestRecord> measured(String endpoint) {
        return run.measured().stream().filter(r -> r.endpoint().equals(endpoint)).toList();
    }

    Color color(String endpoint) {
        return EndpointCharts.palette(Math.max(0, endpoints.indexOf(endpoint)));
    }

    /** "vllm @ c=4", "nim @ 2 req/s", "vllm" (sequential). */
    String seriesName(EndpointSummary s) {
        return switch (s.mode()) {
            case "concurrent" -> s.endpoint() + " @ c=" + s.level();
            case "rate" -> s.endpoint() + " @ " + s.level() + "/s";
            default -> s.endpoint();
        };
    }
}
