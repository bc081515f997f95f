package org.llmbench.endpoint;

import org.junit.jupiter.api.Test;
import org.llmbench.results.EndpointSlo;
import org.llmbench.results.RequestRecord;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Load shapes against real servers on 127.0.0.1. */
class LoadRunnerTest {
    static final GenerationOptions STREAM = new GenerationOptions(true, 64, Double.NaN, null, false, Duration.ofSeconds(20), 16L << 20);

    static Target target(String name, SseTestServer s) {
        return new Target(name, s.url(), Api.CHAT, "test-model", null, Map.of(), false);
    }

    static List<LoadRunner.Job> jobs(int n) {
        return EndpointRun.jobs(PromptSet.suite(), n);
    }

    @Test
    void openLoopSendsOnScheduleWithoutWaitingForAnswers() throws Exception {
        try (SseTestServer slow = new SseTestServer(new SseTestServer.Script(400, 10, 4, 1, true));
             EndpointClient client = new EndpointClient(target("slow", slow), STREAM, Map.<String, String>of()::get)) {
            List<RequestRecord> records = Collections.synchronizedList(new ArrayList<>());
            long origin = System.nanoTime();
            try (LoadRunner runner = new LoadRunner(client, origin, records::add)) {
                runner.closedLoop(new LoadRunner.Context("slow", "rate", "20", true), jobs(1), 1, Long.MAX_VALUE); // warm
                records.clear();
                runner.openLoop(new LoadRunner.Context("slow", "rate", "20", false), jobs(8), new ArrivalSchedule(20, 1, 3), 256,
                        System.nanoTime() + Duration.ofMinutes(1).toNanos());
            }
            assertEquals(8, records.size());
            records.sort(Comparator.comparingDouble(RequestRecord::scheduledMs));
            ArrivalSchedule same = new ArrivalSchedule(20, 1, 3);
            for (int i = 1; i < 8; i++) {
                double gap = records.get(i).scheduledMs() - records.get(i - 1).scheduledMs();
                assertEquals(same.nextGapSeconds() * 1000, gap, 0.01, "scheduled times follow the seeded arrivals");
            }
            for (RequestRecord r : records) {
                assertTrue(r.ok(), r.error());
                assertTrue(r.scheduleLagMs() >= 0 && r.scheduleLagMs() < 200, "lag " + r.scheduleLagMs()); // a loaded machine wakes late
                assertTrue(r.ttftMs() >= 399, "each answer still took its 400 ms");
            }
            double spread = records.get(7).sentMs() - records.get(0).sentMs();
            assertTrue(spread < 2500, "8 requests sent within " + spread + " ms; a closed loop would need 8 × 430 ms");
            assertTrue(slow.maxInFlight.get() >= 2, "answers overlapped: " + slow.maxInFlight.get());
        }
    }

    @Test
    void closedLoopKeepsExactlyNInFlightAndStopsAtTheDeadline() throws Exception {
        try (SseTestServer server = new SseTestServer(new SseTestServer.Script(40, 5, 4, 1, true));
             EndpointClient client = new EndpointClient(target("s", server), STREAM, Map.<String, String>of()::get)) {
            List<RequestRecord> records = Collections.synchronizedList(new ArrayList<>());
            try (LoadRunner runner = new LoadRunner(client, System.nanoTime(), records::add)) {
                runner.closedLoop(new LoadRunner.Context("s", "concurrent", "3", false), jobs(12), 3, Long.MAX_VALUE);
                assertEquals(12, records.size());
                assertEquals(3, server.maxInFlight.get());
                records.clear();
                long deadline = System.nanoTime() + Duration.ofMillis(150).toNanos();
                runner.closedLoop(new LoadRunner.Context("s", "sequential", "1", false), jobs(100), 1, deadline);
            }
            assertTrue(records.size() >= 1 && records.size() <= 4, "no request leaves after the deadline: " + records.size());
        }
    }

    @Test
    void interleavedEndpointsTakeTurnsAndParallelOnesOverlap() throws Exception {
        try (SseTestServer a = new SseTestServer(new SseTestServer.Script(20, 5, 4, 1, true));
             SseTestServer b = new SseTestServer(new SseTestServer.Script(20, 5, 4, 1, true))) {
            List<Target> targets = List.of(target("a", a), target("b", b));
            PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
            LoadPlan interleaved = new LoadPlan(LoadMode.SEQUENTIAL, List.of(1.0), Schedule.INTERLEAVED, 1, 1, 6, null, 1, 42, 256, EndpointSlo.NONE);
            EndpointRun.Outcome run = EndpointRun.run(targets, PromptSet.suite(), interleaved, STREAM, Map.<String, String>of()::get, quiet, false);
            List<RequestRecord> bySend = run.measured().stream().sorted(Comparator.comparingDouble(RequestRecord::sentMs)).toList();
            assertEquals(List.of("a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b"), bySend.stream().map(RequestRecord::endpoint).toList());
            for (int i = 0; i + 1 < bySend.size(); i++) {
                assertTrue(bySend.get(i).endMs() <= bySend.get(i + 1).sentMs() + 0.5, "one endpoint at a time");
            }
            double wall = bySend.get(11).endMs() - bySend.get(0).sentMs();
            double windowA = run.summaries().get(0).windowSeconds() * 1000;
            assertTrue(windowA < 0.7 * wall, "a's window (" + windowA + " ms) leaves out b's turns (wall " + wall + " ms)");
            assertEquals(1, run.records().stream().filter(r -> r.warmup() && r.endpoint().equals("a")).count());

            LoadPlan parallel = new LoadPlan(LoadMode.CONCURRENT, List.of(2.0), Schedule.PARALLEL, 0, 1, 8, null, 1, 42, 256, EndpointSlo.NONE);
            run = EndpointRun.run(targets, PromptSet.suite(), parallel, STREAM, Map.<String, String>of()::get, quiet, false);
            List<RequestRecord> ra = run.measured().stream().filter(r -> r.endpoint().equals("a")).toList();
            List<RequestRecord> rb = run.measured().stream().filter(r -> r.endpoint().equals("b")).toList();
            assertTrue(ra.stream().anyMatch(x -> rb.stream().anyMatch(y -> x.sentMs() < y.endMs() && y.sentMs() < x.endMs())),
                    "parallel: requests to a and b overlap in time");
            assertTrue(run.records().stream().noneMatch(RequestRecord::warmup), "--warmup 0");
        }
    }
}
