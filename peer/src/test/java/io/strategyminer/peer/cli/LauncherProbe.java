package io.strategyminer.peer.cli;

import java.lang.management.ManagementFactory;

/** Stands in for the peer behind the launcher in {@link LauncherTest}: prints what the JVM was given, one per line. */
public final class LauncherProbe {
    private LauncherProbe() {
    }

    public static void main(String[] args) {
        ManagementFactory.getRuntimeMXBean().getInputArguments().forEach(option -> System.out.println("jvm " + option));
        for (String arg : args) {
            System.out.println("arg [" + arg + "]");
        }
        System.out.println("env MALLOC_ARENA_MAX=" + System.getenv("MALLOC_ARENA_MAX"));
        System.exit(3);
    }
}
