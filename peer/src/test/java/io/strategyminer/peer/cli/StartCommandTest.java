package io.strategyminer.peer.cli;

import io.strategyminer.peer.LoopbackTestSupport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.identity.PeerIdentity;
import io.strategyminer.peer.cluster.JoinToken;
import io.strategyminer.peer.runtime.ChildJvm;
import io.strategyminer.peer.runtime.HttpEndpoint;
import io.strategyminer.peer.runtime.SecretFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code peer start} as users run it: real JVMs. The first peer creates the secret and prints a token and a
 * command; a second JVM started with that token and command joins it; SIGTERM (what Ctrl-C sends too) closes
 * a peer gracefully.
 */
class StartCommandTest {
    private static final Pattern TOKEN = Pattern.compile("^  (smjoin1\\.\\S+)$");
    private static final Pattern COMMAND = Pattern.compile("^  peer start --join (\\S+) --seeds (\\S+) ");
    private static final Pattern RUNNING = Pattern.compile("^Peer \\S+ running: id ([0-9a-f]{32}),");
    private static final Pattern HTTP = Pattern.compile(
            "^HTTP API on (http://127\\.0\\.0\\.1:\\d+)/api/status .*'Authorization: Bearer ([0-9a-f]{32})'\\)$");
    private static final Pattern VIEW = Pattern.compile("^Cluster view: (\\d+) member\\(s\\), coordinator ([0-9a-f]{32})$");

    @TempDir
    Path dir;

    private final List<ChildJvm> children = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (ChildJvm child : children) {
            child.close();
        }
    }

    private ChildJvm start(String... args) throws IOException {
        // any free HTTP port: two peers of one test must not both take the default 8080
        List<String> all = new ArrayList<>(List.of("start", "--http", "127.0.0.1:0"));
        all.addAll(List.of(args));
        ChildJvm child = ChildJvm.start(PeerCli.class.getName(), all);
        children.add(child);
        return child;
    }

    @Test
    void theFirstPeerPrintsAJoinCommandThatASecondMachineUsesToJoinAndCtrlCLeavesCleanly() throws Exception {
        int port = LoopbackTestSupport.freeBasePort();
        Path firstDir = dir.resolve("first");
        String self = "127.0.0.1:" + port;
        ChildJvm first = start("--name", "first", "--data-dir", firstDir.toString(), "--port", String.valueOf(port),
                "--seeds", self, "--bind", "127.0.0.1", "--threads", "1");
        String firstId = first.await(RUNNING, 60).group(1);
        Matcher http = first.await(HTTP, 10);
        String token = first.await(TOKEN, 10).group(1);
        Matcher command = first.await(COMMAND, 10);
        assertEquals(token, command.group(1));
        assertTrue(command.group(2).contains(self), command.group(0));
        // the secret is kept owner-only, and the token carries exactly it
        assertTrue(JoinToken.decode(token).secret().sameAs(SecretFile.load(firstDir).orElseThrow()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(SecretFile.in(firstDir))));
        // the HTTP API answers at the printed address, and the printed token is the one derived from the secret
        assertEquals(HttpEndpoint.token(JoinToken.decode(token).secret()), http.group(2));
        HttpResponse<String> status = LoopbackTestSupport.get(http.group(1) + "/api/status", Duration.ofSeconds(10));
        assertEquals(200, status.statusCode(), status.body());
        assertTrue(status.body().contains("\"" + firstId + "\""), status.body());
        // its log goes to a rotating file in the data dir as well, with what the console leaves out (INFO)
        String log = Files.readString(firstDir.resolve("logs").resolve(LogFile.NAME));
        assertTrue(log.contains(" INFO ") && log.contains("peer first (" + firstId.substring(0, 8)), log);

        int secondPort = LoopbackTestSupport.freeBasePort();
        ChildJvm second = start("--name", "second", "--data-dir", dir.resolve("second").toString(), "--port",
                String.valueOf(secondPort), "--join", token, "--seeds", command.group(2) + ",127.0.0.1:" + secondPort,
                "--bind", "127.0.0.1", "--threads", "1");
        Matcher view = second.await(VIEW, 60);
        assertEquals("2", view.group(1));
        assertEquals(firstId, view.group(2), "the founder coordinates");
        assertTrue(SecretFile.load(dir.resolve("second")).orElseThrow().sameAs(JoinToken.decode(token).secret()));

        for (ChildJvm child : List.of(second, first)) {
            child.process().destroy(); // SIGTERM: the shutdown hook leaves the view and closes the ledger
            assertTrue(child.process().waitFor(30, TimeUnit.SECONDS), "peer stopped after SIGTERM");
        }
        // the ledger was closed cleanly and holds the peer's announcement
        try (Ledger ledger = Ledger.open(firstDir.resolve("ledger"), PeerIdentity.loadOrCreate(firstDir))) {
            boolean announced = ledger.read(state -> state.peers().stream()
                    .anyMatch(p -> p.id().hex().equals(firstId) && p.announced().name().equals("first")));
            assertTrue(announced, "the founder's announcement is in its reopened ledger");
        }
    }

    @Test
    void aDamagedJoinTokenIsAClearErrorAndStartsNothing() {
        StringWriter err = new StringWriter();
        CommandLine cli = PeerCli.newCommandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        assertEquals(2, cli.execute("start", "--join", "smjoin1.garbage", "--data-dir", dir.toString()));
        assertTrue(err.toString().contains("join token"), err.toString());
        assertTrue(Files.notExists(SecretFile.in(dir)), "no secret stored");
    }
}
