package io.strategyminer.peer.service;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * macOS: a launchd agent, {@code ~/Library/LaunchAgents/io.strategyminer.peer.plist}, loaded at login and kept
 * alive while it fails (a peer stopped by the user or the system stays stopped).
 */
final class LaunchdAgent implements ServiceManager {
    static final String LABEL = "io.strategyminer.peer";

    private final Path path;

    LaunchdAgent(Path home) {
        this.path = home.resolve("Library").resolve("LaunchAgents").resolve(LABEL + ".plist");
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public ServiceFile file(PeerCommand command) {
        String arguments = command.argv().stream()
                .map(arg -> "        <string>" + ServiceText.xml(arg) + "</string>")
                .collect(Collectors.joining("\n"));
        String output = ServiceText.xml(consoleLog(command));
        String plist = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                <!-- Written by `peer service install`; `peer service uninstall` removes it. -->
                <plist version="1.0">
                <dict>
                    <key>Label</key>
                    <string>%s</string>
                    <key>ProgramArguments</key>
                    <array>
                %s
                    </array>
                    <key>RunAtLoad</key>
                    <true/>
                    <key>KeepAlive</key>
                    <dict>
                        <key>SuccessfulExit</key>
                        <false/>
                    </dict>
                    <key>StandardOutPath</key>
                    <string>%s</string>
                    <key>StandardErrorPath</key>
                    <string>%s</string>
                </dict>
                </plist>
                """.formatted(LABEL, arguments, output, output);
        return new ServiceFile(path, plist, StandardCharsets.UTF_8);
    }

    /** Where launchd puts what the peer prints (the join token, errors before logging starts). */
    static String consoleLog(PeerCommand command) {
        return command.dataDir() + "/logs/console.log";
    }

    @Override
    public List<SystemCommand> activate() {
        // unload first: a reinstalled agent runs its new command line at once
        return List.of(SystemCommand.tolerant("launchctl", "unload", path.toString()),
                SystemCommand.of("launchctl", "load", "-w", path.toString()));
    }

    @Override
    public List<SystemCommand> deactivate() {
        return List.of(SystemCommand.tolerant("launchctl", "unload", "-w", path.toString()));
    }

    @Override
    public List<SystemCommand> afterRemoval() {
        return List.of();
    }

    @Override
    public String howToWatch(PeerCommand command) {
        return "State: launchctl list " + LABEL + "; what the peer prints: " + consoleLog(command) + ".";
    }
}
