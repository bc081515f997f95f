package org.llmbench.results;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which build produced a result: the version and git commit Maven wrote into the jar
 * (llmbench-build.properties). "unknown" where the build had no git checkout.
 *
 * @param dirty whether the working tree had uncommitted changes when the jar was built
 */
public record BuildInfo(String version, String commit, boolean dirty) {
    private static final String RESOURCE = "/llmbench-build.properties";

    public static BuildInfo current() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // an unreadable resource reads as an unknown build
        }
        return new BuildInfo(value(p, "version"), value(p, "commit"), "true".equals(p.getProperty("dirty")));
    }

    /** "0.1.0-SNAPSHOT (commit 13f132d975b7, with uncommitted changes)". */
    public String describe() {
        return version + " (commit " + commit + (dirty ? ", with uncommitted changes" : "") + ")";
    }

    /** A filtered value, or "unknown" where Maven left the placeholder (no git) or there is none. */
    private static String value(Properties p, String key) {
        String v = p.getProperty(key, "").trim();
        return v.isEmpty() || v.contains("${") ? "unknown" : v;
    }
}
