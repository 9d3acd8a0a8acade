package io.igstream.stream;

import io.igstream.avro.PredictionEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs the explainer in a child JVM and kills it hard {@code kills} times, each time right after a
 * wave of events has been consumed and committed while still in the batch buffer; then sends a last
 * wave to the last child, lets it drain, stops it gracefully and reads the committed output.
 *
 * <p>"In the buffer at a commit" is judged on the broker, not from the child: the consumer group's
 * committed offsets cover the whole wave, and no event of the wave is in the read_committed output.
 * Offsets and output are committed by the same exactly_once_v2 transactions, so at that commit the
 * wave was consumed and not explained. The kill then follows within {@code 3/4} of the flush
 * interval of the wave being sent, before the timer could flush it (the batch is never full): see
 * {@link #KILL_DEADLINE}.
 */
final class CrashScenario {
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  /**
   * The kill must follow the send of a wave by less than this. The flush timer fires at the
   * earliest {@code 3/4} of the flush interval after a record's arrival, which the stream thread
   * reads from a cached clock (possibly from before its last poll began): 1 s of slack for that.
   */
  private static final Duration KILL_DEADLINE =
      CrashableExplainerMain.FLUSH_INTERVAL.multipliedBy(3).dividedBy(4).minusSeconds(1);

  /** Where the scenario runs: a broker, a registry, a trained model, a scratch directory. */
  record Setup(String bootstrap, String registryUrl, Path modelDir, Path workDir) {}

  /** What happened, with the child logs for failure messages. */
  record Result(
      List<String> produced,
      Set<String> bufferedAtKills,
      List<String> attributed,
      long deadLettered,
      List<Long> restoredBuffered,
      List<Duration> timesToRunning,
      List<Duration> waveCommitted,
      List<Duration> killCycles,
      String childLogs) {
    String summary() {
      return String.format(
          "produced=%d buffered-at-kills=%d attributed=%d dead-lettered=%d restored-per-run=%s"
              + " time-to-RUNNING=%s wave-committed-after=%s kill-cycles=%s",
          produced.size(),
          bufferedAtKills.size(),
          attributed.size(),
          deadLettered,
          restoredBuffered,
          timesToRunning,
          waveCommitted,
          killCycles);
    }
  }

  private final Setup setup;
  private final CrashNames names;
  private final ExplainerTopology.BufferDurability durability;
  private final int partitions;
  private final List<ExplainerChild> children = new ArrayList<>();

  CrashScenario(
      Setup setup,
      CrashNames names,
      ExplainerTopology.BufferDurability durability,
      int partitions) {
    this.setup = setup;
    this.names = names;
    this.durability = durability;
    this.partitions = partitions;
  }

  /** Kills the child {@code kills} times with a wave of {@code waveSize} events buffered. */
  Result run(int kills, int waveSize) {
    List<String> produced = new ArrayList<>();
    Set<String> bufferedAtKills = new LinkedHashSet<>();
    List<Long> restoredBuffered = new ArrayList<>();
    List<Duration> timesToRunning = new ArrayList<>();
    List<Duration> waveCommitted = new ArrayList<>();
    List<Duration> killCycles = new ArrayList<>();
    try (PredictionProducer producer =
            new PredictionProducer(setup.bootstrap(), setup.registryUrl(), names.predictions());
        CommittedView view =
            new CommittedView(setup.bootstrap(), setup.registryUrl(), names, partitions)) {
      for (int run = 0; ; run++) {
        long cycleStart = System.nanoTime();
        ExplainerChild child = startChild(run);
        timesToRunning.add(
            child.awaitStatus("RUNNING", s -> s.state().equals("RUNNING"), STEP_TIMEOUT));
        // A restored buffer must be flushed first: a flush takes the whole buffer, so it would
        // take the next wave with it.
        child.awaitStatus(
            "running with an empty buffer", ExplainerChild.Status::runningAndEmpty, STEP_TIMEOUT);
        restoredBuffered.add(child.restoredBuffered());
        if (run == kills) {
          // A last wave explained without a crash: the topology works, and in the negative
          // control exactly the killed waves go missing, not these.
          List<PredictionEvent> last = FraudModels.events(names.name() + "-last", waveSize);
          producer.sendAll(last);
          last.forEach(e -> produced.add(e.getId()));
          child.awaitStatus(
              "done explaining the last wave (flushed by the timer)",
              s -> s.in() >= waveSize && s.runningAndEmpty(),
              STEP_TIMEOUT);
          break;
        }
        List<PredictionEvent> wave = FraudModels.events(names.name() + "-wave" + run, waveSize);
        long sentNanos = System.nanoTime();
        producer.sendAll(wave);
        wave.forEach(e -> produced.add(e.getId()));
        awaitWaveBufferedAtCommit(view, wave, producer.endOffsets());
        Duration sinceSent = Duration.ofNanos(System.nanoTime() - sentNanos);
        waveCommitted.add(sinceSent);
        if (sinceSent.compareTo(KILL_DEADLINE) >= 0) {
          throw new AssertionError(
              "took "
                  + sinceSent
                  + " to see wave "
                  + run
                  + " committed: too slow to be sure the flush timer had not fired yet");
        }
        child.killHard();
        wave.forEach(e -> bufferedAtKills.add(e.getId()));
        killCycles.add(Duration.ofNanos(System.nanoTime() - cycleStart));
      }
      awaitCommitted(view, producer.endOffsets(), "every produced event");
      children.get(children.size() - 1).stopGracefully();
      view.readToEnd(STEP_TIMEOUT);
      Result result =
          new Result(
              produced,
              bufferedAtKills,
              List.copyOf(view.attributedIds()),
              view.deadLettered(),
              restoredBuffered,
              timesToRunning,
              waveCommitted,
              killCycles,
              childLogs());
      System.out.printf("crash test %s (%s): %s%n", names.name(), durability, result.summary());
      return result;
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(e.getMessage() + "\n" + childLogs(), e);
    } finally {
      children.forEach(ExplainerChild::close);
    }
  }

  /**
   * Waits until the group's committed offsets cover the wave while none of its events is in the
   * committed output: the wave is in the buffer at that commit.
   */
  private void awaitWaveBufferedAtCommit(
      CommittedView view, List<PredictionEvent> wave, Map<TopicPartition, Long> producedEnd) {
    Set<String> waveIds = new LinkedHashSet<>();
    wave.forEach(e -> waveIds.add(e.getId()));
    long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
    while (true) {
      view.poll();
      List<String> flushed =
          view.attributedIds().stream().filter(waveIds::contains).limit(3).toList();
      if (!flushed.isEmpty()) {
        throw new AssertionError(
            "the wave was explained before the kill (e.g. " + flushed + "): nothing buffered");
      }
      if (covers(view.committedInputOffsets(), producedEnd)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "the explainer did not commit the wave within "
                + STEP_TIMEOUT
                + ": committed "
                + view.committedInputOffsets()
                + ", produced up to "
                + producedEnd);
      }
      ExplainerChild.sleep(Duration.ofMillis(20));
    }
  }

  private static void awaitCommitted(
      CommittedView view, Map<TopicPartition, Long> producedEnd, String what) {
    long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
    while (!covers(view.committedInputOffsets(), producedEnd)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("offsets of " + what + " not committed within " + STEP_TIMEOUT);
      }
      ExplainerChild.sleep(Duration.ofMillis(50));
    }
  }

  private static boolean covers(
      Map<TopicPartition, Long> committed, Map<TopicPartition, Long> producedEnd) {
    return producedEnd.entrySet().stream()
        .allMatch(e -> committed.getOrDefault(e.getKey(), -1L) >= e.getValue());
  }

  private ExplainerChild startChild(int run) {
    ExplainerChild child =
        ExplainerChild.start(
            setup.workDir().resolve(names.name() + "-run" + run + ".log"),
            List.of(
                setup.bootstrap(),
                setup.registryUrl(),
                setup.modelDir().toString(),
                // The same state directory for every run, as a restarted pod would have.
                setup.workDir().resolve(names.name() + "-state").toString(),
                durability.name(),
                names.name()));
    children.add(child);
    return child;
  }

  private String childLogs() {
    StringBuilder s = new StringBuilder();
    for (ExplainerChild c : children) {
      s.append("--- last lines of ").append(c.log()).append(" ---\n").append(c.tail(40));
      s.append('\n');
    }
    return s.toString();
  }
}
