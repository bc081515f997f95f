package org.llmbench.monitor;

import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The terminal side of the full-screen view (JLine): the alternate screen, raw keys, redraws of
 * only what changed, and the terminal restored on q, Ctrl-C, the end of --duration or the JVM's
 * shutdown (SIGTERM). Ctrl-C arrives as a key (ISIG off), so the view ends cleanly instead of dying.
 */
final class FullScreen implements AutoCloseable {
    static final int CTRL_C = 3;
    private static final Size FALLBACK = new Size(100, 30);

    private final Terminal terminal;
    private final Attributes saved;
    private final Display display;
    private final Thread restoreOnExit = new Thread(this::restore, "llmbench-monitor-restore");
    private boolean restored, keysEnded;

    FullScreen(Terminal terminal) {
        this.terminal = terminal;
        this.saved = terminal.enterRawMode();
        Attributes raw = terminal.getAttributes();
        raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
        terminal.setAttributes(raw);
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.cursor_invisible);
        terminal.puts(Capability.clear_screen);
        terminal.flush();
        display = new Display(terminal, true);
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
    }

    /** Whether the terminal can show sparkline blocks. */
    boolean unicode() {
        return terminal.encoding().newEncoder().canEncode('\u2588');
    }

    Size size() {
        Size s = terminal.getSize();
        return s == null || s.getRows() <= 0 || s.getColumns() <= 0 ? FALLBACK : s;
    }

    void show(List<String> lines) {
        Size s = size();
        display.resize(s.getRows(), s.getColumns());
        List<AttributedString> fitted = lines.stream().limit(s.getRows()) // a longer line would wrap and shift every line below it
                .map(l -> new AttributedString(Readings.fit(l, s.getColumns()))).toList();
        display.update(fitted, s.cursorPos(s.getRows() - 1, 0));
        terminal.flush();
    }

    /** Waits up to millis for keys; true as soon as q, Q or Ctrl-C is typed. */
    boolean quitTypedWithin(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        NonBlockingReader keys = terminal.reader();
        try {
            for (long left = millis; left > 0; left = (end - System.nanoTime()) / 1_000_000) {
                if (keysEnded) {
                    Thread.sleep(left); // no more input (stdin closed): only the interval is left to wait
                    return false;
                }
                int c = keys.read(left);
                if (c == 'q' || c == 'Q' || c == CTRL_C) return true;
                if (c == NonBlockingReader.EOF) keysEnded = true;
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private synchronized void restore() {
        if (restored) return;
        restored = true;
        terminal.puts(Capability.exit_ca_mode);
        terminal.puts(Capability.cursor_visible);
        terminal.flush();
        terminal.setAttributes(saved);
    }

    @Override
    public void close() {
        restore();
        try {
            Runtime.getRuntime().removeShutdownHook(restoreOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: the terminal is restored either way
        }
    }
}
