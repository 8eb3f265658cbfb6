package io.strategyminer.peer.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The JVM options the launchers ({@code peer}, {@code peer.cmd}) run the jar with, so that a service runs the peer
 * as the launcher does. Both come from one place, {@code peer/pom.xml}, which fills them into the scripts and into
 * {@code launcher.properties} here.
 *
 * @param jvmOptions     what goes between {@code java} and {@code -jar}
 * @param mallocArenaMax the {@code MALLOC_ARENA_MAX} the POSIX launcher sets (glibc only)
 */
public record LauncherOptions(List<String> jvmOptions, String mallocArenaMax) {
    private static final String RESOURCE = "launcher.properties";

    public LauncherOptions {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** The options this build's launchers use. */
    public static LauncherOptions load() {
        Properties properties = new Properties();
        try (InputStream in = LauncherOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
        return new LauncherOptions(split(properties.getProperty("jvm.options", "")),
                properties.getProperty("malloc.arena.max"));
    }

    /** Options given as one string, split on blanks as the launchers split {@code PEER_JAVA_OPTS}. */
    public static List<String> split(String options) {
        return Arrays.stream(options.trim().split("\\s+")).filter(option -> !option.isEmpty()).toList();
    }

    /** These options followed by {@code extra} (a repeated option: the later one wins, as with the launchers). */
    public LauncherOptions plus(List<String> extra) {
        return new LauncherOptions(Stream.concat(jvmOptions.stream(), extra.stream()).toList(),
                mallocArenaMax);
    }
}
