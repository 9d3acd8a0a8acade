package io.igstream.app.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventRateTest {
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong nanos = new AtomicLong();
  private final EventRate rate = new EventRate(count::get, nanos::get, null);

  private void tick(long events) {
    count.addAndGet(events);
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
    rate.sample();
  }

  @Test
  void shouldAverageOverTheLastTenSecondsAndFallToZeroAfterTrafficStops() {
    rate.sample();
    assertEquals(0.0, rate.perSecond(), "one sample is no rate");
    for (int s = 0; s < 5; s++) {
      tick(100);
    }
    assertEquals(100.0, rate.perSecond(), 1e-9);
    for (int s = 0; s < 10; s++) {
      tick(300);
    }
    // The window now spans the last 10 s only: all at 300/s.
    assertEquals(300.0, rate.perSecond(), 1e-9);
    tick(0);
    tick(0);
    // 8 s at 300 and 2 s at 0 over the last 10 s.
    assertEquals(240.0, rate.perSecond(), 1e-9);
    for (int s = 0; s < 10; s++) {
      tick(0);
    }
    assertEquals(0.0, rate.perSecond());
  }
}
