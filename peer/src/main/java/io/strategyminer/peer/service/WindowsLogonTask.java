package io.strategyminer.peer.service;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Windows: a Task Scheduler task that starts the peer when the user logs on, without a console window
 * ({@code javaw.exe}), restarted when it fails and never stopped for running long. Its definition is kept in
 * {@code %LOCALAPPDATA%\StrategyMiner} and registered with {@code schtasks /Create /XML}.
 */
final class WindowsLogonTask implements ServiceManager {
    static final String TASK = "StrategyMinerPeer";

    private final Path path;
    private final String user;

    WindowsLogonTask(Path home, String user) {
        this.path = home.resolve("AppData").resolve("Local").resolve("StrategyMiner").resolve(TASK + ".xml");
        this.user = user;
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public ServiceFile file(PeerCommand command) {
        List<String> argv = command.argv();
        String task = """
                <?xml version="1.0" encoding="UTF-16"?>
                <!-- Written by `peer service install`; `peer service uninstall` removes it. -->
                <Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
                  <RegistrationInfo>
                    <Description>Strategy Miner peer: starts at logon</Description>
                  </RegistrationInfo>
                  <Triggers>
                    <LogonTrigger>
                      <Enabled>true</Enabled>
                      <UserId>%1$s</UserId>
                    </LogonTrigger>
                  </Triggers>
                  <Principals>
                    <Principal id="Author">
                      <UserId>%1$s</UserId>
                      <LogonType>InteractiveToken</LogonType>
                      <RunLevel>LeastPrivilege</RunLevel>
                    </Principal>
                  </Principals>
                  <Settings>
                    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
                    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
                    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
                    <AllowHardTerminate>true</AllowHardTerminate>
                    <StartWhenAvailable>true</StartWhenAvailable>
                    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
                    <IdleSettings>
                      <StopOnIdleEnd>false</StopOnIdleEnd>
                      <RestartOnIdle>false</RestartOnIdle>
                    </IdleSettings>
                    <AllowStartOnDemand>true</AllowStartOnDemand>
                    <Enabled>true</Enabled>
                    <Hidden>false</Hidden>
                    <RunOnlyIfIdle>false</RunOnlyIfIdle>
                    <WakeToRun>false</WakeToRun>
                    <!-- no time limit: the default (3 days) would stop the peer -->
                    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
                    <!-- below normal: games and the desktop come first -->
                    <Priority>7</Priority>
                    <RestartOnFailure>
                      <Interval>PT1M</Interval>
                      <Count>999</Count>
                    </RestartOnFailure>
                  </Settings>
                  <Actions Context="Author">
                    <Exec>
                      <Command>%2$s</Command>
                      <Arguments>%3$s</Arguments>
                    </Exec>
                  </Actions>
                </Task>
                """.formatted(ServiceText.xml(user), ServiceText.xml(argv.get(0)),
                ServiceText.xml(ServiceText.windowsCommandLine(argv.subList(1, argv.size()))));
        // Task Scheduler reads its XML as UTF-16, as it writes it: little-endian with a byte order mark
        return new ServiceFile(path, "\uFEFF" + task, StandardCharsets.UTF_16LE);
    }

    @Override
    public List<SystemCommand> activate() {
        return List.of(SystemCommand.of("schtasks", "/Create", "/TN", TASK, "/XML", path.toString(), "/F"),
                SystemCommand.of("schtasks", "/Run", "/TN", TASK));
    }

    @Override
    public List<SystemCommand> deactivate() {
        return List.of(SystemCommand.tolerant("schtasks", "/End", "/TN", TASK),
                SystemCommand.tolerant("schtasks", "/Delete", "/TN", TASK, "/F"));
    }

    @Override
    public List<SystemCommand> afterRemoval() {
        return List.of();
    }

    @Override
    public String howToWatch(PeerCommand command) {
        return "State: schtasks /Query /TN " + TASK + " (or the Task Scheduler app).";
    }
}
