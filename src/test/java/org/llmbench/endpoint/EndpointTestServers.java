package org.llmbench.endpoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Test servers for tests outside this package (the CLI's): each from {TTFT ms, gap ms, chunks}. */
public final class EndpointTestServers implements AutoCloseable {
    private final List<SseTestServer> servers = new ArrayList<>();

    public static EndpointTestServers start(long[]... scripts) throws IOException {
        EndpointTestServers s = new EndpointTestServers();
        for (long[] p : scripts) s.servers.add(new SseTestServer(new SseTestServer.Script(p[0], p[1], (int) p[2], 1, true)));
        return s;
    }

    public String url(int i) {
        return servers.get(i).url();
    }

    /** The server's URL for one fault: "unauthorized", "never_answer", ... */
    public String faultUrl(int i, String fault) {
        return servers.get(i).url(SseTestServer.Fault.valueOf(fault.toUpperCase(Locale.ROOT)));
    }

    /** The first Authorization header the server received. */
    public String authorization(int i) {
        return servers.get(i).authorizations.isEmpty() ? null : servers.get(i).authorizations.get(0);
    }

    @Override
    public void close() {
        servers.forEach(SseTestServer::close);
    }
}
