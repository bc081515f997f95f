package org.llmbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTML report of the stored results folder, opened in a real headless Chromium (Debian's
 * package; .ci/run installs it): every chart decodes to an image of its full size, and screenshots
 * of the page are kept in target/report-screenshots/ for a person to look at.
 */
class HtmlReportBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path tmp;

    private List<String> chromium(String... args) {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + tmp.resolve("profile-" + System.nanoTime())));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void theHtmlReportRendersEveryChartInABrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no " + CHROMIUM + " here (Debian package chromium; .ci/run installs it): the browser check is skipped");
        Path dir = ReportWriter.write(ResultSet.load(List.of(FixtureReportTest.FIXTURE)), tmp.resolve("report"),
                EnumSet.of(ReportWriter.Format.HTML), ReportOptions.NONE);
        Path html = dir.resolve("report.html");
        String page = Files.readString(html);
        int charts = page.split("<img ", -1).length - 1;
        assertTrue(charts >= 4, "the fixture has decode, TTFT, batch, kernel and matmul charts: " + charts);

        // a copy of the page that writes what the browser made of each image into the DOM once everything loaded
        Path probe = tmp.resolve("probe.html");
        Files.writeString(probe, page.replace("</body>", "<script>window.addEventListener('load', () => {"
                + "const p = document.createElement('pre'); p.id = 'probe';"
                + "p.textContent = [...document.images].map(i => i.complete + ':' + i.naturalWidth + 'x' + i.naturalHeight + ':' + i.width).join(' ');"
                + "document.body.appendChild(p); });</script></body>"));
        String dom = run(chromium("--virtual-time-budget=5000", "--dump-dom", probe.toUri().toString()));
        Matcher m = Pattern.compile("<pre id=\"probe\">([^<]*)</pre>").matcher(dom);
        assertTrue(m.find(), "the page loaded and ran in the browser: " + dom.substring(0, Math.min(300, dom.length())));
        String[] images = m.group(1).trim().split(" ");
        assertEquals(charts, images.length, m.group(1));
        for (String img : images) {
            String[] f = img.split(":");
            assertEquals("true", f[0], img);
            assertEquals(Charts.WIDTH + "x" + Charts.HEIGHT, f[1], "each chart decodes at full size: " + img);
            assertTrue(Integer.parseInt(f[2]) > 100, "and is laid out visibly: " + img);
        }

        Path shots = Path.of("target/report-screenshots");
        Files.createDirectories(shots);
        for (int[] size : new int[][]{{1280, 2400}, {800, 1600}}) {
            Path png = shots.resolve("report-" + size[0] + ".png");
            Files.deleteIfExists(png);
            run(chromium("--hide-scrollbars", "--window-size=" + size[0] + "," + size[1], "--screenshot=" + png.toAbsolutePath(), html.toUri().toString()));
            BufferedImage shot = ImageIO.read(png.toFile());
            assertNotNull(shot, "chromium wrote a screenshot " + png);
            assertEquals(size[0], shot.getWidth());
            assertTrue(distinctColours(shot) > 50, "the screenshot shows a page, not a blank: " + png);
        }
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> c = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) c.add(img.getRGB(x, y));
        }
        return c.size();
    }
}
