package org.llmbench.endpoint;

import java.util.ArrayList;
import java.util.List;

/**
 * Test servers for manual smoke runs of {@code endpoint}:
 * {@code java -cp target/test-classes:target/benchmarks.jar org.llmbench.endpoint.SseTestServerMain TTFT_MS:GAP_MS:CHUNKS [...]}
 * prints one URL per server, then serves until killed (or for 10 minutes at most).
 */
public final class SseTestServerMain {
    private SseTestServerMain() {
    }

    public static void main(String[] args) throws Exception {
        List<SseTestServer> servers = new ArrayList<>();
        for (String a : args.length == 0 ? new String[]{"0:0:16"} : args) {
            String[] p = a.split(":");
            servers.add(new SseTestServer(new SseTestServer.Script(Long.parseLong(p[0]), Long.parseLong(p[1]), Integer.parseInt(p[2]), 1, true)));
        }
        servers.forEach(s -> System.out.println(s.url()));
        System.out.flush();
        Thread.sleep(600_000);
        servers.forEach(SseTestServer::close);
    }
}
