package org.llmbench.bench;

import org.junit.jupiter.api.Test;
import org.llmbench.LlmbenchException;

import static org.junit.jupiter.api.Assertions.*;

class HandicapTest {
    @Test
    void parsesPercentOrFractionAndRefusesTheRest() {
        assertEquals(0.10, Handicap.parse("10%"), 1e-12);
        assertEquals(0.10, Handicap.parse(" 0.10 "), 1e-12);
        assertEquals(0.0, Handicap.parse(null));
        assertEquals(0.0, Handicap.parse(""));
        for (String bad : new String[]{"lots", "-5%", "95%", "1.5"}) {
            LlmbenchException e = assertThrows(LlmbenchException.class, () -> Handicap.parse(bad));
            assertTrue(e.getMessage().contains("'" + bad + "' is invalid") && e.getMessage().contains("10%"), e.getMessage());
        }
    }

    @Test
    void spinsItsShareOfTheOperationsOwnTime() {
        System.setProperty(Handicap.PROPERTY, "50%");
        try {
            Handicap h = Handicap.fromSystemProperty();
            assertTrue(h.active());
            // an operation that took 20 ms is followed by 20 ms more at a 50% handicap (throughput halved)
            long start = System.nanoTime() - 20_000_000L, before = System.nanoTime();
            h.after(start);
            assertTrue(System.nanoTime() - before >= 20_000_000L);
        } finally {
            System.clearProperty(Handicap.PROPERTY);
        }
        assertFalse(Handicap.fromSystemProperty().active());
    }
}
