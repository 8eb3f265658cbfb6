package io.strategyminer.peer.service;

import java.util.ArrayList;
import java.util.List;

/**
 * What a service runs at login: {@code java <options> -jar peer.jar start …}. Paths are text in the target
 * platform's own form (a Windows task names {@code C:\…\javaw.exe}).
 *
 * @param java          the java executable, absolute
 * @param launcher      the JVM options and the malloc arena bound of the launchers
 * @param jar           peer.jar, absolute
 * @param peerArguments what follows the jar ({@code start --data-dir …})
 * @param dataDir       the peer's data dir, absolute (for the service's own output file)
 */
public record PeerCommand(String java, LauncherOptions launcher, String jar, List<String> peerArguments, String dataDir) {
    public PeerCommand {
        peerArguments = List.copyOf(peerArguments);
    }

    /** The whole command line, one element per argument. */
    public List<String> argv() {
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(launcher.jvmOptions());
        argv.add("-jar");
        argv.add(jar);
        argv.addAll(peerArguments);
        return argv;
    }
}
