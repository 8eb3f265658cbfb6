package io.strategyminer.data.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strategyminer.data.BundledDatasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a peer keeps in its data dir is readable by its owner only: 0600 files, 0700 directories. */
class OwnerOnlyTest {
    @TempDir
    Path root;

    @Test
    void storedDatasetsAreOwnerOnly() throws IOException {
        Path dataDir = root.resolve("data");
        new DatasetStore(dataDir).save(BundledDatasets.btcUsd5m(), "bundled");
        Path datasets = dataDir.resolve("datasets");
        assertEquals(OwnerOnly.DIRECTORY, Files.getPosixFilePermissions(datasets));
        assertEquals(OwnerOnly.DIRECTORY, Files.getPosixFilePermissions(dataDir), "a data dir it creates too");
        try (Stream<Path> files = Files.list(datasets)) {
            List<Path> stored = files.toList();
            assertEquals(2, stored.size(), "candles and description: " + stored);
            for (Path file : stored) {
                assertEquals(OwnerOnly.FILE, Files.getPosixFilePermissions(file), file.toString());
            }
        }
    }

    @Test
    void restrictMakesATreeOwnerOnlyAndLeavesLinkTargetsAlone() throws IOException {
        Path tree = Files.createDirectories(root.resolve("tree/a/b"));
        Path file = Files.writeString(tree.resolve("f"), "x");
        Path outside = Files.writeString(root.resolve("outside"), "y");
        Files.createSymbolicLink(tree.resolve("link"), outside);
        for (Path path : List.of(root.resolve("tree"), root.resolve("tree/a"), tree)) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(outside, PosixFilePermissions.fromString("rw-r--r--"));

        assertEquals(4, OwnerOnly.restrict(root.resolve("tree")));
        for (Path dir : List.of(root.resolve("tree"), root.resolve("tree/a"), tree)) {
            assertEquals(OwnerOnly.DIRECTORY, Files.getPosixFilePermissions(dir));
        }
        assertEquals(OwnerOnly.FILE, Files.getPosixFilePermissions(file));
        assertEquals(PosixFilePermissions.fromString("rw-r--r--"), Files.getPosixFilePermissions(outside));
        assertEquals(0, OwnerOnly.restrict(root.resolve("tree")), "nothing left to change");
        assertEquals(0, OwnerOnly.restrict(root.resolve("absent")));
    }
}
