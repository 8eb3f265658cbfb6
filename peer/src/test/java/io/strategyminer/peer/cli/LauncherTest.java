package io.strategyminer.peer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strategyminer.peer.service.LauncherOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launchers the build puts next to peer.jar ({@code target/peer}, {@code target/peer.cmd}). The POSIX one runs
 * here as a real process, on a jar next to it whose manifest points at this test's class path (the real jar is built
 * after the tests): with its JVM options, {@code PEER_JAVA_OPTS} after them, the arguments unchanged, the exit code
 * passed back.
 */
class LauncherTest {
    private static final LauncherOptions OPTIONS = LauncherOptions.load();

    @TempDir
    Path dir;

    /** The build's output folder: the launchers sit beside {@code classes}. */
    private static Path target() throws URISyntaxException {
        return Path.of(PeerCli.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }

    /** The launcher copied into {@code folder}, beside a peer.jar that runs {@code mainClass} on our class path. */
    private Path install(Path folder, Class<?> mainClass) throws Exception {
        Files.createDirectories(folder);
        Path launcher = Files.copy(target().resolve("peer"), folder.resolve("peer"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Arrays.stream(System.getProperty("java.class.path")
                .split(java.io.File.pathSeparator)).map(entry -> Path.of(entry).toUri().toString())
                .collect(Collectors.joining(" ")));
        try (OutputStream jar = new JarOutputStream(Files.newOutputStream(folder.resolve("peer.jar")), manifest)) {
            jar.flush();
        }
        return launcher;
    }

    private record Run(int exitCode, List<String> lines) {
        List<String> with(String prefix) {
            return lines.stream().filter(line -> line.startsWith(prefix)).map(line -> line.substring(prefix.length())).toList();
        }
    }

    private static Run run(Path launcher, Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("PEER_JAVA_OPTS");
        builder.environment().remove("MALLOC_ARENA_MAX");
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            process.getOutputStream().close();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher ended");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Run(process.exitValue(), output.lines().toList());
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void thePosixLauncherRunsTheJarNextToItWithItsOptionsAndPassesArgumentsAndExitCodeThrough() throws Exception {
        Path launcher = install(dir.resolve("install dir"), LauncherProbe.class);
        String[] args = {"start", "--name", "two words", "$HOME", "*", "", "it's \"quoted\""};
        Run run = run(launcher, Map.of(), args);
        assertEquals(3, run.exitCode(), String.join("\n", run.lines()));
        assertEquals(OPTIONS.jvmOptions(), run.with("jvm "));
        assertEquals(Arrays.stream(args).map(arg -> "[" + arg + "]").toList(), run.with("arg "));
        assertEquals(List.of(OPTIONS.mallocArenaMax()), run.with("env MALLOC_ARENA_MAX="));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void peerJavaOptsComeAfterTheLauncherOptionsSoTheyWinAndAGivenMallocArenaMaxIsKept() throws Exception {
        Path launcher = install(dir, LauncherProbe.class);
        Run run = run(launcher, Map.of("PEER_JAVA_OPTS", " -Xmx384m  -Dsm.probe=1 ", "MALLOC_ARENA_MAX", "4"), "x");
        List<String> expected = new ArrayList<>(OPTIONS.jvmOptions());
        expected.addAll(List.of("-Xmx384m", "-Dsm.probe=1"));
        assertEquals(expected, run.with("jvm "));
        assertEquals(List.of("4"), run.with("env MALLOC_ARENA_MAX="));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aLinkToTheLauncherFindsTheJarBesideTheLaunchersRealFile() throws Exception {
        Path launcher = install(dir.resolve("dist"), LauncherProbe.class);
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path link = Files.createSymbolicLink(bin.resolve("peer"), Path.of("../dist/peer"));
        assertEquals(List.of("[via link]"), run(link, Map.of(), "via link").with("arg "));
        assertTrue(Files.exists(launcher));
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void theRealPeerAnswersThroughTheLauncher() throws Exception {
        Run run = run(install(dir, PeerCli.class), Map.of(), "--version");
        assertEquals(0, run.exitCode(), String.join("\n", run.lines()));
        assertTrue(run.lines().get(0).startsWith("Strategy Miner peer"), run.lines().toString());
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void withoutItsJarOrWithoutJavaTheLauncherSaysWhatIsMissing() throws Exception {
        Path launcher = install(dir, LauncherProbe.class);
        Run noJava = run(launcher, Map.of("JAVA", dir.resolve("no-such-java").toString()), "--version");
        assertEquals(1, noJava.exitCode());
        assertTrue(noJava.lines().get(0).contains("install Java 17"), noJava.lines().toString());
        Files.delete(dir.resolve("peer.jar"));
        Run noJar = run(launcher, Map.of(), "--version");
        assertEquals(1, noJar.exitCode());
        assertTrue(noJar.lines().get(0).contains(dir.resolve("peer.jar") + " is missing"), noJar.lines().toString());
    }

    @Test
    void theWindowsLauncherHasWindowsLineEndsAndTheSameOptions() throws IOException, URISyntaxException {
        String script = Files.readString(target().resolve("peer.cmd"));
        assertTrue(script.lines().count() > 5 && script.split("\r\n", -1).length == script.lines().count() + 1,
                "every line ends with CRLF");
        assertTrue(script.contains("set \"DEFAULT_JVM_OPTS=" + String.join(" ", OPTIONS.jvmOptions()) + "\"\r\n"), script);
        assertTrue(script.contains("\"%JAVA_EXE%\" %DEFAULT_JVM_OPTS% %PEER_JAVA_OPTS% -jar \"%JAR%\" %*\r\n"), script);
    }
}
