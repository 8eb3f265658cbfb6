package io.strategyminer.ledger;

import io.strategyminer.ledger.event.CheckpointSaved;
import io.strategyminer.ledger.event.Event;
import io.strategyminer.ledger.identity.PeerIdentity;
import java.nio.file.Path;
import java.util.Random;

/**
 * The process {@link CrashTest} kills: opens the ledger in {@code args[0]} and appends forever,
 * each time a checkpoint blob and then the event naming it, printing
 * {@code ACK <sequence> <event hash> <blob hash>} once {@link Ledger#append} has returned.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        PeerIdentity identity = PeerIdentity.loadOrCreate(dataDir);
        try (Ledger ledger = Ledger.open(dataDir.resolve("ledger"), identity)) {
            if (ledger.versionVector().get(identity.peerId()) == 0) {
                acknowledge(ledger.append(Fixtures.announce(identity, Scenario.M1, 1)), Sha256.ZERO);
            }
            Random random = new Random(ledger.versionVector().get(identity.peerId()));
            for (int generation = 1; ; generation++) {
                byte[] blob = new byte[1024 + random.nextInt(8192)];
                random.nextBytes(blob);
                Sha256 hash = ledger.putBlob(blob);
                Event event = ledger.append(new CheckpointSaved("crash", 0, generation % 100_000, hash, blob.length));
                acknowledge(event, hash);
            }
        }
    }

    private static void acknowledge(Event event, Sha256 blob) {
        System.out.println("ACK " + event.sequence() + " " + event.hash() + " " + blob);
        System.out.flush();
    }
}
