package io.igstream.scratch;

import io.igstream.explain.IgOptions;
import io.igstream.explain.IntegratedGradients;
import io.igstream.explain.PathRequest;
import io.igstream.explain.QuadratureRule;
import io.igstream.model.BenchGraphs;
import io.igstream.model.MlpGradient;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

public class TwoCallers {
  public static void main(String[] args) throws Exception {
    int batch = Integer.parseInt(args[0]);
    int rounds = Integer.parseInt(args[1]);
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    IntegratedGradients ig =
        new IntegratedGradients(
            IgOptions.builder().method(QuadratureRule.GAUSS_LEGENDRE).steps(32).build());
    try (MlpGradient mlp = BenchGraphs.mlp(11, 30, 64, 64, 1)) {
      SplittableRandom r = new SplittableRandom(5);
      List<PathRequest> reqs = new ArrayList<>();
      for (int i = 0; i < batch; i++) {
        double[] x = new double[30];
        for (int j = 0; j < 30; j++) x[j] = r.nextDouble(-2, 2);
        reqs.add(PathRequest.of(x, new double[30]));
      }
      for (int k = 0; k < 5; k++) ig.explain(mlp, reqs);
      for (int rep = 0; rep < 3; rep++) {
        for (int threads : new int[] {1, 2}) {
          long cpu0 = os.getProcessCpuTime();
          long t0 = System.nanoTime();
          List<Thread> ts = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            Thread th =
                new Thread(
                    () -> {
                      for (int k = 0; k < rounds; k++) ig.explain(mlp, reqs);
                    });
            th.start();
            ts.add(th);
          }
          for (Thread th : ts) th.join();
          long t = System.nanoTime() - t0;
          long cpu = os.getProcessCpuTime() - cpu0;
          double ev = (double) batch * rounds * threads;
          System.out.printf(
              "callers %d: %.0f events/s wall, %.2f us CPU/event, load %s%n",
              threads,
              ev / (t / 1e9),
              cpu / 1e3 / ev,
              java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0]);
        }
      }
    }
  }
}
