package org.llmbench.endpoint;

import org.llmbench.LlmbenchException;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code endpoint --list}: the configured endpoints and, for each reachable one, the models GET /v1/models lists. */
public final class EndpointList {
    private EndpointList() {
    }

    public static void print(List<Target> targets, Function<String, String> environment, Duration timeout, PrintStream out) {
        for (Target t : targets) {
            out.println(t.name() + "  " + t.baseUrl() + "  api " + t.api().label() + "  model " + (t.model() == null ? "(first listed)" : t.model())
                    + (t.apiKeyEnv() == null ? "" : "  key $" + t.apiKeyEnv() + (present(environment, t.apiKeyEnv()) ? " (set)" : " (not set)"))
                    + (t.headers().isEmpty() ? "" : "  headers " + String.join(", ", t.headers().keySet())));
            if (t.apiKeyEnv() != null && !present(environment, t.apiKeyEnv())) {
                out.println("  models: not asked ($" + t.apiKeyEnv() + " is not set)");
                continue;
            }
            GenerationOptions probe = new GenerationOptions(false, 1, Double.NaN, null, false, timeout, 1 << 20);
            try (EndpointClient c = new EndpointClient(t, probe, environment)) {
                List<EndpointClient.Model> models = c.models(timeout);
                out.println("  models: " + (models.isEmpty() ? "(none listed)" : models.stream()
                        .map(m -> m.maxModelLen() == null ? m.id() : m.id() + " (max_model_len " + m.maxModelLen() + ")").collect(Collectors.joining(", "))));
            } catch (IOException | LlmbenchException e) {
                out.println("  unreachable: " + e.getMessage());
            }
        }
    }

    private static boolean present(Function<String, String> environment, String name) {
        String v = environment.apply(name);
        return v != null && !v.isBlank();
    }
}
