package org.llmbench.monitor;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code monitor}: samples the machine every interval and shows it full-screen in a terminal, or as
 * one plain line per sample (--simple, or when stdout is not a terminal); optionally appends every
 * sample to a CSV file. Ends on q / Ctrl-C or after --duration.
 */
public final class Monitor {
    private Monitor() {
    }

    public static void run(MonitorOptions options, MonitorSources sources, PrintStream out, PrintStream err) {
        Terminal terminal = options.simple() || !stdoutIsTerminal() ? null : systemTerminal();
        try {
            run(options, sources, out, err, terminal);
        } finally {
            if (terminal != null) {
                try {
                    terminal.close();
                } catch (IOException e) {
                    // the screen was restored before; closing only releases the stream
                }
            }
        }
    }

    /** With the terminal given: null prints simple lines to out (tests hand in a virtual terminal). */
    static void run(MonitorOptions options, MonitorSources sources, PrintStream out, PrintStream err, Terminal terminal) {
        List<String> notes = new ArrayList<>();
        try (CsvLog csv = options.csv() == null ? null : CsvLog.create(options.csv());
             MachineSampler sampler = MachineSampler.open(sources, options.device(), notes::add)) {
            if (terminal == null) {
                new Loop(options, sampler, csv, notes).simple(out, err);
            } else {
                try (FullScreen screen = new FullScreen(terminal)) {
                    new Loop(options, sampler, csv, notes).fullScreen(screen);
                }
                notes.forEach(n -> err.println("llmbench: " + n)); // the screen is gone: keep what it said
            }
        }
    }

    /** The sampling schedule: a sample every interval (the last one at the end of --duration). */
    private static final class Loop {
        private final MonitorOptions options;
        private final MachineSampler sampler;
        private final CsvLog csv;
        private final List<String> notes;
        private final long step, end;
        private long next;

        Loop(MonitorOptions options, MachineSampler sampler, CsvLog csv, List<String> notes) {
            this.options = options;
            this.sampler = sampler;
            this.csv = csv;
            this.notes = notes;
            long start = System.nanoTime();
            step = options.interval().toNanos();
            end = options.duration() == null ? Long.MAX_VALUE : start + options.duration().toNanos();
            next = start + Math.min(step, end - start);
        }

        void simple(PrintStream out, PrintStream err) {
            int said = 0;
            while (said < notes.size()) err.println("llmbench: " + notes.get(said++)); // e.g. "No GPU: ..." before the first wait
            while (true) {
                for (long left; (left = next - System.nanoTime()) > 0; ) LockSupport.parkNanos(left);
                MachineSample s = take();
                while (said < notes.size()) err.println("llmbench: " + notes.get(said++));
                out.println(SimpleLine.format(s));
                out.flush();
                if (!advance()) return;
            }
        }

        void fullScreen(FullScreen screen) {
            ScreenView view = new ScreenView(new History(120), MonitorOptions.text(options.interval()), screen.unicode());
            screen.show(view.waiting(notes, screen.size().getColumns(), screen.size().getRows()));
            while (true) {
                if (screen.quitTypedWithin(Math.max(0, (next - System.nanoTime()) / 1_000_000))) return;
                MachineSample s = take();
                view.remember(s);
                screen.show(view.render(s, notes, screen.size().getColumns(), screen.size().getRows()));
                if (!advance()) return;
            }
        }

        private MachineSample take() {
            MachineSample s = sampler.sample();
            if (csv != null) csv.append(s);
            return s;
        }

        /** Moves to the next sample time; false when --duration is over. */
        private boolean advance() {
            if (next >= end) return false;
            long now = System.nanoTime();
            next = next + step < now ? now + step : next + step; // fell behind (busy machine): skip, do not burst
            next = Math.min(next, end);
            return true;
        }
    }

    /** stdout is an interactive terminal (JDK 22+ has a Console even for pipes, so ask it). */
    static boolean stdoutIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) return false;
        Console console = System.console();
        if (console == null) return false;
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true; // before JDK 22 a Console exists only for a terminal
        }
    }

    /** The process's terminal, or null where JLine can only give a dumb one (then the simple lines are used). */
    private static Terminal systemTerminal() {
        try {
            Terminal t = TerminalBuilder.builder().system(true).dumb(true).build();
            if (t.getType() == null || t.getType().startsWith("dumb")) {
                t.close();
                return null;
            }
            return t;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
