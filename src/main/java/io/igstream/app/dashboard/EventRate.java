package io.igstream.app.dashboard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Events per second over the last {@value #WINDOW_SECONDS} seconds, from a counter sampled once a
 * second on a daemon thread: (count now &minus; count at the oldest sample) / elapsed time. Zero
 * until two samples exist, and zero again {@value #WINDOW_SECONDS} s after traffic stops.
 */
public final class EventRate implements AutoCloseable {
  static final int WINDOW_SECONDS = 10;

  private record Sample(long nanos, long count) {}

  private final LongSupplier counter;
  private final LongSupplier clock;
  private final Deque<Sample> samples = new ArrayDeque<>();
  private final ScheduledExecutorService sampler;

  /** Samples {@code counter} every second until closed. */
  public static EventRate start(LongSupplier counter) {
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "igstream-dashboard-rate");
              t.setDaemon(true);
              return t;
            });
    EventRate rate = new EventRate(counter, System::nanoTime, s);
    s.scheduleAtFixedRate(rate::sample, 0, 1, TimeUnit.SECONDS);
    return rate;
  }

  /** For tests: sampled only when {@link #sample} is called, on the given clock. */
  EventRate(LongSupplier counter, LongSupplier clock, ScheduledExecutorService sampler) {
    this.counter = counter;
    this.clock = clock;
    this.sampler = sampler;
  }

  synchronized void sample() {
    long now = clock.getAsLong();
    samples.addLast(new Sample(now, counter.getAsLong()));
    while (samples.size() > 2
        && now - samples.peekFirst().nanos() > TimeUnit.SECONDS.toNanos(WINDOW_SECONDS)) {
      samples.removeFirst();
    }
  }

  /** Events per second between the oldest and the newest sample of the window. */
  public synchronized double perSecond() {
    if (samples.size() < 2) {
      return 0;
    }
    Sample first = samples.peekFirst();
    Sample last = samples.peekLast();
    double seconds = (last.nanos() - first.nanos()) / 1e9;
    return seconds <= 0 ? 0 : (last.count() - first.count()) / seconds;
  }

  @Override
  public void close() {
    if (sampler != null) {
      sampler.shutdownNow();
    }
  }
}
