package io.strategyminer.peer.cluster;

import io.strategyminer.peer.security.ClusterSecret;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster member in its own JVM for {@link MemberFailureTest}: joins on loopback, prints
 * {@code READY <view size>}, then stays until its stdin closes or 60 s pass (so a test that dies never
 * leaves it behind for long). Arguments: member name, own port, cluster name, {@code fast} or {@code default}
 * timings ({@link ClusterTestSupport#FAST}), seed ports. The secret comes
 * in the environment variable {@code SM_TEST_CLUSTER_SECRET}, never on a command line others can read.
 */
public final class ClusterChild {
    private ClusterChild() {
    }

    public static void main(String[] args) throws Exception {
        ClusterSecret secret = ClusterSecret.decode(System.getenv("SM_TEST_CLUSTER_SECRET"));
        List<Integer> seeds = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            seeds.add(Integer.parseInt(args[i]));
        }
        ClusterConfig config = ClusterTestSupport.seeded(args[0], secret, Integer.parseInt(args[1]), seeds);
        ClusterNode node = new ClusterNode("fast".equals(args[3]) ? config.withTimings(ClusterTestSupport.FAST) : config);
        // On the test's output, so a failing run shows what the child believed.
        node.onViewChange(change -> System.err.println("child view " + change.current() + " merged=" + change.merged()));
        node.connect(args[2]);
        System.out.println("READY " + node.view().size());
        System.out.flush();
        Thread watchdog = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                while (in.readLine() != null) {
                    // the parent never writes; end of input means the parent is gone
                }
            } catch (java.io.IOException e) {
                // parent gone: fall through and exit
            }
            System.exit(0);
        });
        watchdog.setDaemon(true);
        watchdog.start();
        Thread.sleep(60_000);
        node.close();
        System.exit(0);
    }
}
