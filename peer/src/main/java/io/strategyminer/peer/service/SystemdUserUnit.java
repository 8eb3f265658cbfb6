package io.strategyminer.peer.service;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Linux: a systemd user unit, {@code ~/.config/systemd/user/strategy-miner-peer.service}, started with the user's
 * systemd instance (at login; at boot with lingering) and restarted when the peer fails.
 */
final class SystemdUserUnit implements ServiceManager {
    static final String UNIT = "strategy-miner-peer.service";

    private final Path path;

    SystemdUserUnit(Path home) {
        this.path = home.resolve(".config").resolve("systemd").resolve("user").resolve(UNIT);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public ServiceFile file(PeerCommand command) {
        String unit = """
                # Written by `peer service install`; `peer service uninstall` removes it.
                [Unit]
                Description=Strategy Miner peer

                [Service]
                Type=simple
                Environment=MALLOC_ARENA_MAX=%s
                ExecStart=%s
                # SIGTERM makes the peer leave its cluster and close its ledger; the JVM then exits with 143.
                SuccessExitStatus=143
                TimeoutStopSec=60
                Restart=on-failure
                RestartSec=10

                [Install]
                WantedBy=default.target
                """.formatted(command.launcher().mallocArenaMax(), ServiceText.systemdCommandLine(command.argv()));
        return new ServiceFile(path, unit, StandardCharsets.UTF_8);
    }

    @Override
    public List<SystemCommand> activate() {
        return List.of(SystemCommand.of("systemctl", "--user", "daemon-reload"),
                SystemCommand.of("systemctl", "--user", "enable", UNIT),
                // restart, not start: a reinstalled unit runs its new command line at once
                SystemCommand.of("systemctl", "--user", "restart", UNIT));
    }

    @Override
    public List<SystemCommand> deactivate() {
        return List.of(SystemCommand.tolerant("systemctl", "--user", "disable", "--now", UNIT));
    }

    @Override
    public List<SystemCommand> afterRemoval() {
        return List.of(SystemCommand.of("systemctl", "--user", "daemon-reload"));
    }

    @Override
    public String howToWatch(PeerCommand command) {
        return "State: systemctl --user status " + UNIT + "; console output: journalctl --user -u " + UNIT
                + ". It stops when you log out unless you run `loginctl enable-linger` (then it also starts at boot).";
    }
}
