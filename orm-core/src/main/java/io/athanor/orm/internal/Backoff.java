package io.athanor.orm.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause before retry number {@code n} (0 for the first retry) of {@code inTransaction}: a random
 * duration between zero and {@code min(max, initial * 2^n)} ("full jitter"), so transactions that
 * collided once spread out instead of colliding again, and no pause exceeds {@code max}.
 */
public record Backoff(Duration initial, Duration max) {
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || max.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max: " + initial + ", " + max);
        }
    }

    /** The upper bound of the pause before retry {@code n}, in nanoseconds. */
    public long ceilingNanos(int n) {
        long first = initial.toNanos();
        long last = max.toNanos();
        return n >= 62 || first > last >> n ? last : first << n;
    }

    /** A random pause before retry {@code n}, in nanoseconds, at most {@link #ceilingNanos(int)}. */
    public long pauseNanos(int n) {
        long ceiling = ceilingNanos(n);
        return ceiling == 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
    }
}
