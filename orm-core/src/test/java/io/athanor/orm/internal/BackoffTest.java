package io.athanor.orm.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void theCeilingDoublesFromInitialAndStopsAtMax() {
        Backoff b = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50));
        assertEquals(10_000_000L, b.ceilingNanos(0));
        assertEquals(20_000_000L, b.ceilingNanos(1));
        assertEquals(40_000_000L, b.ceilingNanos(2));
        assertEquals(50_000_000L, b.ceilingNanos(3));
        assertEquals(50_000_000L, b.ceilingNanos(1_000));
    }

    @Test
    void pausesAreJitteredBetweenZeroAndTheCeiling() {
        Backoff b = new Backoff(Duration.ofMillis(1), Duration.ofMillis(8));
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 2_000; i++) {
            long p = b.pauseNanos(5);
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertTrue(min >= 0 && max <= 8_000_000L, min + ".." + max);
        assertTrue(max - min > 4_000_000L, "spread out, not fixed: " + min + ".." + max);
        assertEquals(0, new Backoff(Duration.ZERO, Duration.ZERO).pauseNanos(3));
    }

    @Test
    void aMaximumBelowTheInitialPauseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofMillis(10), Duration.ofMillis(1)));
    }
}
