package io.strategyminer.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.peer.cluster.JoinToken;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.runtime.SecretFile;
import io.strategyminer.peer.security.ClusterSecret;
import io.strategyminer.peer.service.LauncherOptions;
import io.strategyminer.peer.service.ServiceEnvironment;
import io.strategyminer.peer.service.SystemCommand;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

/**
 * {@code peer service install|uninstall} writes exactly the file each platform's service manager reads, with every
 * path and option quoted so that the peer receives it unchanged, and runs that manager's commands; here into a
 * temporary home, with the commands recorded instead of run.
 */
class ServiceCommandTest {
    private static final String OPTIONS = String.join(" ", LauncherOptions.load().jvmOptions());
    /** A name that needs quoting everywhere: a blank, a quote, systemd's specifier character. */
    private static final String NAME = "Ana's 100%";

    @TempDir
    Path tmp;

    private Path home;
    private Path dataDir;
    private final List<SystemCommand> ran = new ArrayList<>();
    private int exitCode;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp() {
        home = tmp.resolve("home");
        dataDir = tmp.resolve("my data");
    }

    private int service(String os, String javaHome, String jar, String... args) {
        ServiceEnvironment environment = new ServiceEnvironment(os, home, "GAMING-PC\\ana", javaHome, Optional.ofNullable(jar),
                command -> {
                    ran.add(command);
                    return exitCode;
                });
        CommandLine cli = PeerCli.newCommandLine(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ServiceCommand.class ? type.cast(new ServiceCommand(environment))
                        : CommandLine.defaultFactory().create(type);
            }
        });
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("service"));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    private int linux(String... args) {
        return service("Linux", "/opt/jdk 17", "/opt/strategy miner/peer.jar", args);
    }

    private String[] installWithStartOptions(String... extra) {
        List<String> args = new ArrayList<>(List.of("install", "--data-dir", dataDir.toString(), "--name", NAME,
                "--port", "7810", "--seeds", "100.64.0.1:7800,100.64.0.2:7800", "--threads", "3", "--no-http"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void linuxGetsASystemdUserUnitThatRunsTheLauncherJvmOptionsAndTheStartOptions() throws Exception {
        assertEquals(0, linux(installWithStartOptions()), err.toString());

        Path unit = home.resolve(".config/systemd/user/strategy-miner-peer.service");
        assertEquals("""
                # Written by `peer service install`; `peer service uninstall` removes it.
                [Unit]
                Description=Strategy Miner peer

                [Service]
                Type=simple
                Environment=MALLOC_ARENA_MAX=2
                ExecStart="/opt/jdk 17/bin/java" %s -jar "/opt/strategy miner/peer.jar" start --data-dir "%s" --name "Ana's 100%%%%" --port 7810 --seeds 100.64.0.1:7800,100.64.0.2:7800 --threads 3 --no-http
                # SIGTERM makes the peer leave its cluster and close its ledger; the JVM then exits with 143.
                SuccessExitStatus=143
                TimeoutStopSec=60
                Restart=on-failure
                RestartSec=10

                [Install]
                WantedBy=default.target
                """.formatted(OPTIONS, dataDir), Files.readString(unit));
        assertEquals(List.of("systemctl --user daemon-reload", "systemctl --user enable strategy-miner-peer.service",
                "systemctl --user restart strategy-miner-peer.service"), commands());
        assertTrue(Files.isDirectory(dataDir.resolve("logs")), "the log folder is there for the first start");
        assertTrue(out.toString().contains(dataDir.resolve("logs/peer.log").toString()), out.toString());

        ran.clear();
        assertEquals(0, linux("uninstall"), err.toString());
        assertFalse(Files.exists(unit));
        assertEquals(List.of("systemctl --user disable --now strategy-miner-peer.service",
                "systemctl --user daemon-reload"), commands());
        assertTrue(Files.isDirectory(dataDir), "the data dir is kept");
    }

    @Test
    void macosGetsALaunchAgentWhoseProgramArgumentsAreTheCommandLineOneByOne() throws Exception {
        assertEquals(0, service("Mac OS X", "/Library/Java/JavaVirtualMachines/jdk-17.jdk/Contents/Home",
                "/Users/ana/strategy miner/peer.jar", installWithStartOptions()), err.toString());

        Path plist = home.resolve("Library/LaunchAgents/io.strategyminer.peer.plist");
        String arguments = String.join("\n", LauncherOptions.load().jvmOptions().stream()
                .map(option -> "        <string>" + option + "</string>").toList());
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <!-- Written by `peer service install`; `peer service uninstall` removes it. -->
                <plist version="1.0">
                <dict>
                    <key>Label</key>
                    <string>io.strategyminer.peer</string>
                    <key>ProgramArguments</key>
                    <array>
                        <string>/Library/Java/JavaVirtualMachines/jdk-17.jdk/Contents/Home/bin/java</string>
                %s
                        <string>-jar</string>
                        <string>/Users/ana/strategy miner/peer.jar</string>
                        <string>start</string>
                        <string>--data-dir</string>
                        <string>%s</string>
                        <string>--name</string>
                        <string>Ana&apos;s 100%%</string>
                        <string>--port</string>
                        <string>7810</string>
                        <string>--seeds</string>
                        <string>100.64.0.1:7800,100.64.0.2:7800</string>
                        <string>--threads</string>
                        <string>3</string>
                        <string>--no-http</string>
                    </array>
                    <key>RunAtLoad</key>
                    <true/>
                    <key>KeepAlive</key>
                    <dict>
                        <key>SuccessfulExit</key>
                        <false/>
                    </dict>
                    <key>StandardOutPath</key>
                    <string>%3$s/logs/console.log</string>
                    <key>StandardErrorPath</key>
                    <string>%3$s/logs/console.log</string>
                </dict>
                </plist>
                """.formatted(arguments, dataDir, dataDir), Files.readString(plist));
        // a plist parser sees the name exactly as given
        NodeList strings = xml(Files.readAllBytes(plist)).getElementsByTagName("string");
        assertEquals(NAME, strings.item(1 + LauncherOptions.load().jvmOptions().size() + 7).getTextContent());
        String path = plist.toString();
        assertEquals(List.of("launchctl unload " + quoted(path), "launchctl load -w " + quoted(path)), commands());

        ran.clear();
        assertEquals(0, service("Mac OS X", "/jdk", "/peer.jar", "uninstall"), err.toString());
        assertFalse(Files.exists(plist));
        assertEquals(List.of("launchctl unload -w " + quoted(path)), commands());
    }

    @Test
    void windowsGetsALogonTaskRunningJavawWithWindowsQuoting() throws Exception {
        // on Windows the data dir would be C:\Users\ana\.strategy-miner; here it is this machine's temporary folder
        assertEquals(0, service("Windows 11", "C:\\Program Files\\Java\\jdk-17", "C:\\Users\\ana\\strategy miner\\peer.jar",
                installWithStartOptions("--java-options", "-Xmx384m")), err.toString());

        Path file = home.resolve("AppData/Local/StrategyMiner/StrategyMinerPeer.xml");
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(0xFF, bytes[0] & 0xFF, "UTF-16LE byte order mark");
        assertEquals(0xFE, bytes[1] & 0xFF);
        String task = new String(bytes, StandardCharsets.UTF_16LE).substring(1);
        assertTrue(task.startsWith("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"), task);
        assertTrue(task.contains("""
                  <Triggers>
                    <LogonTrigger>
                      <Enabled>true</Enabled>
                      <UserId>GAMING-PC\\ana</UserId>
                    </LogonTrigger>
                  </Triggers>
                  <Principals>
                    <Principal id="Author">
                      <UserId>GAMING-PC\\ana</UserId>
                      <LogonType>InteractiveToken</LogonType>
                      <RunLevel>LeastPrivilege</RunLevel>
                    </Principal>
                  </Principals>
                """), task);
        assertTrue(task.contains("<ExecutionTimeLimit>PT0S</ExecutionTimeLimit>"), "no time limit: " + task);
        assertTrue(task.contains("""
                    <RestartOnFailure>
                      <Interval>PT1M</Interval>
                      <Count>999</Count>
                    </RestartOnFailure>
                """), task);
        assertTrue(task.contains("""
                  <Actions Context="Author">
                    <Exec>
                      <Command>C:\\Program Files\\Java\\jdk-17\\bin\\javaw.exe</Command>
                      <Arguments>%s -Xmx384m -jar &quot;C:\\Users\\ana\\strategy miner\\peer.jar&quot; start --data-dir &quot;%s&quot; --name &quot;Ana&apos;s 100%%&quot; --port 7810 --seeds 100.64.0.1:7800,100.64.0.2:7800 --threads 3 --no-http</Arguments>
                    </Exec>
                  </Actions>
                """.formatted(OPTIONS, dataDir)), task);
        Document parsed = xml(bytes);
        assertEquals("GAMING-PC\\ana", parsed.getElementsByTagName("UserId").item(0).getTextContent());
        assertTrue(parsed.getElementsByTagName("Arguments").item(0).getTextContent()
                .endsWith("--name \"Ana's 100%\" --port 7810 --seeds 100.64.0.1:7800,100.64.0.2:7800 --threads 3 --no-http"));
        assertEquals(List.of("schtasks /Create /TN StrategyMinerPeer /XML " + quoted(file.toString()) + " /F",
                "schtasks /Run /TN StrategyMinerPeer"), commands());

        ran.clear();
        assertEquals(0, service("Windows 11", "C:\\jdk", "C:\\peer.jar", "uninstall"), err.toString());
        assertFalse(Files.exists(file));
        assertEquals(List.of("schtasks /End /TN StrategyMinerPeer", "schtasks /Delete /TN StrategyMinerPeer /F"), commands());
    }

    @Test
    void theOsOptionChoosesThePlatformAndADryRunChangesNothing() {
        assertEquals(0, linux(installWithStartOptions("--os", "macos", "--dry-run")), err.toString());
        assertTrue(out.toString().contains("Would write " + home.resolve("Library/LaunchAgents/io.strategyminer.peer.plist")),
                out.toString());
        assertTrue(out.toString().contains("<string>Ana&apos;s 100%</string>"), out.toString());
        assertTrue(out.toString().contains("Would run: launchctl load -w "), out.toString());
        assertFalse(Files.exists(home), "nothing written");
        assertFalse(Files.exists(dataDir), "not even the data dir");
        assertEquals(List.of(), ran);
    }

    @Test
    void aJoinTokenIsStoredInTheDataDirAndNeverWrittenIntoTheServiceFile() throws Exception {
        ClusterSecret secret = ClusterSecret.generate(new SecureRandom());
        String token = new JoinToken(secret, List.of(new SeedAddress("192.168.1.20", 7800))).encode();
        assertEquals(0, linux("install", "--data-dir", dataDir.toString(), "--join", token), err.toString());
        assertTrue(SecretFile.load(dataDir).orElseThrow().sameAs(secret));
        String unit = Files.readString(home.resolve(".config/systemd/user/strategy-miner-peer.service"));
        assertFalse(unit.contains(token) || unit.contains("--join"), unit);
        assertTrue(unit.contains(" start --data-dir \"" + dataDir + "\"\n"), unit);
    }

    @Test
    void startOptionsAreCheckedByStartsOwnParserBeforeAnythingIsWritten() {
        assertEquals(2, linux("install", "--data-dir", dataDir.toString(), "--port", "many"));
        assertTrue(err.toString().contains("--port") && err.toString().contains("peer start --help"), err.toString());
        assertEquals(2, linux("install", "--data-dir", dataDir.toString(), "--nmae", "x"));
        assertTrue(err.toString().contains("--nmae"), err.toString());
        assertEquals(2, linux("install", "--data-dir", dataDir.toString(), "--rebuild-from-peers"));
        assertTrue(err.toString().contains("by hand"), err.toString());
        assertEquals(2, linux("install", "--os", "beos"));
        assertTrue(err.toString().contains("linux, macos or windows"), err.toString());
        assertFalse(Files.exists(home));
        assertEquals(List.of(), ran);
    }

    @Test
    void aServiceManagerThatRefusesEndsTheCommandSayingWhatIsLeft() {
        exitCode = 1;
        assertEquals(1, linux("install", "--data-dir", dataDir.toString()));
        assertTrue(err.toString().contains("`systemctl --user daemon-reload` failed (exit code 1); the service file is"
                + " written"), err.toString());
        assertEquals(1, ran.size(), "nothing run after the failure");
        ran.clear();
        // uninstall: stopping a unit that is not running may fail; the file is removed all the same
        assertEquals(1, linux("uninstall"));
        assertFalse(Files.exists(home.resolve(".config/systemd/user/strategy-miner-peer.service")));
        assertEquals(0, linux("uninstall"), "nothing left to uninstall");
        assertTrue(out.toString().contains("Nothing to uninstall"), out.toString());
    }

    @Test
    void installingFromOutsideAJarIsAClearError() {
        assertEquals(2, service("Linux", "/jdk", null, "install", "--data-dir", dataDir.toString()));
        assertTrue(err.toString().contains("java -jar peer.jar service install"), err.toString());
    }

    private List<String> commands() {
        return ran.stream().map(SystemCommand::toString).toList();
    }

    private static String quoted(String path) {
        return path.contains(" ") ? '"' + path + '"' : path;
    }

    private static Document xml(byte[] bytes) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }
}
