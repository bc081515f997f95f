package org.llmbench.conversation;

import org.llmbench.telemetry.ProcessReader;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One server configuration's process: started from its command with stdout and stderr going to
 * log files, healthy once its health URL answers 200 (within the startup timeout), stopped by its
 * PID (SIGTERM, SIGKILL after the grace period, then whatever is left of its process tree) and
 * its port free again before the next configuration starts. While it runs, each process of its
 * tree has its resident-set peak (VmHWM) read every half second; the peak reported is their sum.
 */
final class ServerProcess implements AutoCloseable {
    /** Why a configuration could not run: one sentence, with the exit code and last stderr lines when the process ended. */
    static final class Failed extends Exception {
        final Integer exitCode;
        final List<String> lastStderr;

        Failed(String message, Integer exitCode, List<String> lastStderr) {
            super(message, null, false, false);
            this.exitCode = exitCode;
            this.lastStderr = lastStderr;
        }
    }

    static final int STDERR_LINES = 20;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path stderrLog;
    private final URI health;
    private final Duration grace;
    private final Map<Long, Long> peaks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler;
    private final Thread onExit = new Thread(this::stop, "llmbench-server-stop"); // Ctrl-C on us stops the server too
    private double startupSeconds = Double.NaN;
    private String stopped;

    private ServerProcess(Process process, Path stderrLog, URI health, Duration grace) {
        this.process = process;
        this.stderrLog = stderrLog;
        this.health = health;
        this.grace = grace;
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llmbench-server-rss");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::samplePeaks, 0, 500, TimeUnit.MILLISECONDS);
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /**
     * Starts the command and waits until the health URL answers 200. On failure the process is
     * stopped (if it still runs) and the reason thrown.
     */
    static ServerProcess start(ServerCommand command, URI health, Duration startupTimeout, Duration grace, Path stdoutLog, Path stderrLog) throws Failed {
        if (portInUse(health)) {
            throw new Failed("port " + port(health) + " of " + health.getHost() + " was in use before the server started (another process listens there); stop it or use another port", null, List.of());
        }
        ProcessBuilder pb = new ProcessBuilder(command.argv()).redirectOutput(stdoutLog.toFile()).redirectError(stderrLog.toFile());
        pb.environment().putAll(command.environment());
        long t0 = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new Failed("the command could not be started (" + e.getMessage() + ")", null, List.of());
        }
        ServerProcess s = new ServerProcess(p, stderrLog, health, grace);
        long deadline = t0 + startupTimeout.toNanos();
        while (true) {
            if (!p.isAlive()) {
                s.stop();
                throw new Failed("the server exited with code " + p.exitValue() + " before it became healthy", p.exitValue(), s.lastStderr());
            }
            if (healthy(health)) {
                s.startupSeconds = (System.nanoTime() - t0) / 1e9;
                return s;
            }
            if (System.nanoTime() - deadline > 0) {
                String how = s.stop();
                throw new Failed("the server was not healthy within " + seconds(startupTimeout) + " (GET " + health + "); " + how, null, s.lastStderr());
            }
            sleep(250); // polling the health URL: the server's own loading is the work being waited for
        }
    }

    double startupSeconds() {
        return startupSeconds;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Whether it ends within {@code d} (a server whose connection just broke may take a moment to exit). */
    boolean exitsWithin(Duration d) {
        return waitFor(process.toHandle(), d);
    }

    /** The exit code once it has ended, else null. */
    Integer exitCode() {
        return process.isAlive() ? null : process.exitValue();
    }

    /** Sum over the process tree of each process's resident-set peak; -1 where /proc could not be read. */
    long peakRssBytes() {
        samplePeaks();
        return peaks.isEmpty() ? -1 : peaks.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The last lines of its stderr (non-blank), at most {@link #STDERR_LINES}. */
    List<String> lastStderr() {
        try (RandomAccessFile f = new RandomAccessFile(stderrLog.toFile(), "r")) {
            long from = Math.max(0, f.length() - 64 * 1024);
            byte[] tail = new byte[(int) (f.length() - from)];
            f.seek(from);
            f.readFully(tail);
            List<String> lines = Arrays.stream(new String(tail, StandardCharsets.UTF_8).split("\r?\n")).filter(l -> !l.isBlank()).toList();
            return new ArrayList<>(lines.subList(Math.max(0, lines.size() - STDERR_LINES), lines.size()));
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * SIGTERM, then SIGKILL after the grace period, then SIGKILL to any of its descendants still
     * alive; waits until its port is free (bounded by the grace period). Says what happened.
     */
    synchronized String stop() {
        if (stopped != null) return stopped;
        samplePeaks();
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        long t0 = System.nanoTime();
        StringBuilder how = new StringBuilder();
        if (process.isAlive()) {
            process.destroy(); // SIGTERM
            boolean ended = waitFor(process.toHandle(), grace);
            if (ended) {
                how.append(String.format(java.util.Locale.ROOT, "stopped by SIGTERM in %.1f s (exit code %d)", (System.nanoTime() - t0) / 1e9, process.exitValue()));
            } else {
                process.destroyForcibly();
                waitFor(process.toHandle(), Duration.ofSeconds(10));
                how.append("killed (SIGKILL) after a " + seconds(grace) + " grace period");
            }
        } else {
            how.append("had already exited with code ").append(process.exitValue());
        }
        int left = 0;
        for (ProcessHandle h : tree) {
            if (h.isAlive() && !waitFor(h, Duration.ofSeconds(5))) {
                h.destroyForcibly();
                left++;
            }
        }
        if (left > 0) how.append("; ").append(left).append(" child process(es) still running were killed");
        long portDeadline = System.nanoTime() + grace.toNanos();
        while (portInUse(health) && System.nanoTime() - portDeadline < 0) sleep(100); // until the port is free: the next server needs it
        if (portInUse(health)) how.append("; port ").append(port(health)).append(" still in use after ").append(seconds(grace));
        sampler.shutdownNow();
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
        stopped = how.toString();
        return stopped;
    }

    @Override
    public void close() {
        stop();
    }

    private void samplePeaks() {
        if (!process.isAlive()) return;
        record(process.pid());
        process.descendants().forEach(h -> record(h.pid()));
    }

    private void record(long pid) {
        long peak = ProcessReader.peakRssBytes(pid);
        if (peak > 0) peaks.merge(pid, peak, Math::max);
    }

    static boolean healthy(URI health) {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether something accepts connections on the health URL's host and port. */
    static boolean portInUse(URI health) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(health.getHost(), port(health)), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equals(u.getScheme()) ? 443 : 80;
    }

    private static boolean waitFor(ProcessHandle h, Duration d) {
        try {
            h.onExit().get(d.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !h.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !h.isAlive();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
