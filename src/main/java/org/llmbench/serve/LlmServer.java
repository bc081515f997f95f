package org.llmbench.serve;

import com.google.gson.JsonObject;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.llmbench.LlmbenchException;
import org.llmbench.workload.Backend;
import org.llmbench.engine.Engine;
import org.llmbench.runtime.MemoryBudget;
import org.llmbench.engine.Session;
import org.llmbench.model.ModelSpec;
import org.llmbench.quant.Quant;
import org.llmbench.weights.QuantChoice;
import org.llmbench.tokenizer.ModelTokenizer;
import org.llmbench.tokenizer.Tokenizers;
import org.llmbench.weights.WeightSource;
import org.llmbench.weights.resolve.WeightSources;

import java.util.List;
import java.util.Locale;

/**
 * The engine behind an OpenAI-compatible HTTP API: loads the model, its tokenizer and chat
 * template, opens one session with a row per slot, and serves through Jetty until closed.
 */
public final class LlmServer implements AutoCloseable {
    private final ServeConfig config;
    private final WeightSource source;
    private final Engine engine;
    private final Session session;
    private final Scheduler scheduler;
    private final ApiHandler handler;
    private final Server jetty;
    private final ServerConnector connector;
    private final String readyLine, infoLine;
    private boolean closed;

    private LlmServer(ServeConfig c) {
        this.config = c;
        long t0 = System.nanoTime();
        ModelSpec spec = WeightSources.spec(c.model());
        QuantChoice.validate(c.quant());
        int ctx = c.ctx() == 0 ? Math.min(spec.maxSeq(), ServeConfig.DEFAULT_MAX_CTX) : c.ctx();
        boolean beyondTrained = ctx > spec.maxSeq();
        if (beyondTrained && !spec.arch().positions().rotary()) {
            throw new LlmbenchException("--ctx " + ctx + " is invalid for " + spec.name() + "; it takes 1 to " + spec.maxSeq()
                    + " tokens (its positions are a learned table of that length).");
        }
        ModelTokenizer mt = Tokenizers.load(c.model()); // before the weights: a missing tokenizer fails fast
        ChatTemplate template = new ChatTemplate(mt.chatTemplate());
        WeightSource opened = WeightSources.open(c.model());
        this.source = beyondTrained ? new ExtendedContext(opened, ctx) : opened;
        Quant quant = QuantChoice.resolve(c.quant(), source); // auto: the weights as stored
        Engine e = null;
        Session s = null;
        try {
            e = Backend.JVM.load(source, quant, c.threads());
            s = e.newSession(c.maxBatch(), ctx);
        } catch (RuntimeException ex) {
            if (e != null) e.close();
            source.close();
            throw ex;
        }
        this.engine = e;
        this.session = s;
        PrefixCache cache = null;
        long budget = 0;
        if (c.prefixCache()) {
            budget = c.prefixCacheBytes() >= 0 ? c.prefixCacheBytes() : Math.min(MemoryBudget.availableBytes() / 2, 4L << 30);
            if (c.prefixCacheBytes() > 0) MemoryBudget.require(budget, "A prefix cache of " + mib(budget));
            cache = new PrefixCache(session.kvFloatsPerToken(), budget);
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        ServerMetrics metrics = new ServerMetrics();
        this.scheduler = new Scheduler(session, spec.vocab(), c.queue(), c.prefillChunk(), cache, metrics);
        PrefixCache fc = cache;
        metrics.gauges(scheduler::running, scheduler::waiting, () -> fc == null ? 0 : fc.used(), () -> fc == null ? 0 : fc.capacity());
        List<String> ids = spec.name().equals(c.model()) ? List.of(spec.name()) : List.of(spec.name(), c.model());
        JsonObject card = new JsonObject();
        card.addProperty("id", spec.name());
        card.addProperty("object", "model");
        card.addProperty("created", System.currentTimeMillis() / 1000);
        card.addProperty("owned_by", "llmbench");
        card.addProperty("max_model_len", ctx);
        card.addProperty("context_length", ctx);
        card.addProperty("quant", quant.toString());
        card.addProperty("backend", engine.backend());
        card.addProperty("origin", source.origin());
        card.addProperty("slots", c.maxBatch());
        this.handler = new ApiHandler(scheduler, metrics, new CompletionRequest.Limits(mt.tokenizer(), template, spec.vocab(), ctx, ids), card, c.apiKey());

        QueuedThreadPool threads = new QueuedThreadPool(Math.max(64, c.maxBatch() + c.queue() + 32), 4);
        threads.setName("llmbench-http");
        threads.setDaemon(true);
        this.jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        this.connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(c.host());
        connector.setPort(c.port());
        connector.setIdleTimeout(600_000); // a long prompt queued behind others may be silent for minutes
        connector.setAcceptQueueSize(1024);
        jetty.addConnector(connector);
        jetty.setHandler(handler);
        jetty.setStopTimeout(5_000);
        try {
            jetty.start();
        } catch (Exception ex) {
            closeEngine();
            throw new LlmbenchException("Cannot listen on " + c.host() + ":" + c.port() + ": " + ex.getMessage() + " (is the port taken? try another --port).");
        }
        String cacheText = cache == null ? "prefix cache off" : String.format(Locale.ROOT, "prefix cache %s = %d blocks of %d tokens",
                mib(budget), cache.capacity(), PrefixCache.BLOCK);
        this.readyLine = String.format(Locale.ROOT, "llmbench serve: ready at %s (model %s, quant %s, loaded in %.1f s, %d slots x %d tokens, %s)",
                url(), spec.name(), quant, loadSeconds, c.maxBatch(), ctx, cacheText);
        this.infoLine = "llmbench serve: tokenizer " + mt.tokenizer().describe() + "; chat template: " + template.describe()
                + "; weights " + source.origin() + (c.apiKey() != null ? "; API key required on /v1" : "")
                + (beyondTrained ? "; context " + ctx + " tokens exceeds the " + spec.maxSeq() + " the model was trained for (RoPE positions beyond it are extrapolated)" : "");
    }

    /** Loads the model and starts listening; the returned server is ready for requests. */
    public static LlmServer start(ServeConfig config) {
        return new LlmServer(config);
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port();
    }

    /** The one line that says the server is ready: URL, model, quant, load time, slots, prefix-cache budget. */
    public String readyLine() {
        return readyLine;
    }

    /** Tokenizer, chat template and weights, for a line before the ready line. */
    public String infoLine() {
        return infoLine;
    }

    /** Waits until the server has stopped. */
    public void join() throws InterruptedException {
        jetty.join();
    }

    /**
     * Stops cleanly: the scheduler ends its step and fails every request it holds (a stream gets an
     * error event, a waiting request a 503), the handlers finish writing, then Jetty and the engine stop.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        scheduler.close();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (handler.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10); // waiting for handlers to write their last event, not standing in for work
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            jetty.stop();
        } catch (Exception e) {
            System.err.println("llmbench serve: stopping the HTTP server: " + e.getMessage());
        }
        closeEngine();
    }

    private void closeEngine() {
        session.close();
        engine.close();
        source.close();
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }
}
