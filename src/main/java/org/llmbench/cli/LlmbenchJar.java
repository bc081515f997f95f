package org.llmbench.cli;

import org.llmbench.LlmbenchException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** A jar that ab and calibrate may run: it exists and its manifest starts llmbench's Main. */
final class LlmbenchJar {
    static final String MAIN = "org.llmbench.cli.Main";

    private LlmbenchJar() {
    }

    static boolean looksLikeJar(Path p) {
        return p.getFileName() != null && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
    }

    /** The jar, absolute, or one sentence saying why it cannot be run. */
    static Path check(Path jar, String option) {
        if (!Files.isRegularFile(jar)) {
            throw new LlmbenchException(option + " " + jar + " does not exist; give an llmbench jar (mvn package makes target/benchmarks.jar).");
        }
        String main;
        try (JarFile f = new JarFile(jar.toFile())) {
            Manifest m = f.getManifest();
            main = m == null ? null : m.getMainAttributes().getValue("Main-Class");
        } catch (IOException | SecurityException e) {
            throw new LlmbenchException(option + " " + jar + " is not a jar: it cannot be read as a zip file.");
        }
        if (!MAIN.equals(main)) {
            throw new LlmbenchException(option + " " + jar + " is not an llmbench jar: its manifest names "
                    + (main == null ? "no Main-Class" : "Main-Class " + main) + ", not " + MAIN + ".");
        }
        return jar.toAbsolutePath().normalize();
    }

    /** The jar this JVM was started from, or null when it runs from a classes folder (tests, IDE). */
    static Path current() {
        try {
            Path p = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && looksLikeJar(p) ? p : null;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }

    /** SHA-256 of the file, so a results folder says whether both sides ran the same bytes. */
    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            DigestInputStream d = (DigestInputStream) in;
            byte[] buf = new byte[1 << 16];
            while (d.read(buf) >= 0) {
                // the digest sees every byte
            }
            return HexFormat.of().formatHex(d.getMessageDigest().digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }
}
