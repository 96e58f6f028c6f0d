package dataclips.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real clock, moved forward by hand: retries come due without waiting for real minutes, while db-scheduler's own
 * waits (which go by its clock) still pass in real time. A {@code SettableClock} that stands still would stop them.
 */
final class ShiftedClock extends Clock {
    private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

    void advance(Duration by) {
        shift.updateAndGet(s -> s.plus(by));
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a shifted clock is in UTC");
    }
}
