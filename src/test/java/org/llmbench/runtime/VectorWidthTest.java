package org.llmbench.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The kernels' vector shape: the hardware's unless forced, the species consistent with it. */
class VectorWidthTest {
    @Test
    void widthIsTheHardwaresOrTheOneThisTestRunAskedFor() {
        String expected = System.getProperty("llmbench.expect.bits"); // set by the pom's kernel runs at other widths
        int want = expected != null ? Integer.parseInt(expected) : Math.max(128, VectorWidth.preferredBits());
        assertEquals(want, VectorWidth.BITS, VectorWidth.describe());
        assertEquals(VectorWidth.BITS / 32, VectorWidth.LANES);
        assertEquals(VectorWidth.LANES, VectorWidth.FLOATS.length());
        assertEquals(VectorWidth.LANES, VectorWidth.INTS.length());
        assertEquals(2 * VectorWidth.LANES, VectorWidth.SHORTS.length());
        assertEquals(VectorWidth.LANES, VectorWidth.HALF_SHORTS.length());
        assertEquals(2 * VectorWidth.LANES, VectorWidth.HALF_BYTES.length());
        assertTrue(VectorWidth.QUARTER_BYTES.length() >= VectorWidth.LANES);
        assertEquals(VectorWidth.QUARTER_BYTES.length() - VectorWidth.LANES, VectorWidth.BYTE_PAD);
    }

    @Test
    void descriptionSaysWidthAndWhy() {
        String d = VectorWidth.describe();
        assertTrue(d.startsWith(VectorWidth.BITS + "-bit (" + VectorWidth.LANES + " floats per vector)"), d);
        assertTrue(d.contains("MaxVectorSize=") && d.contains("CPU vector flags:"), d);
    }
}
