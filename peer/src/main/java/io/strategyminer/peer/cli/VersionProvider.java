package io.strategyminer.peer.cli;

import io.strategyminer.backtest.EngineVersion;
import picocli.CommandLine;

/** {@code peer --version}: the build version and the engine version peers compare results by. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = PeerCli.class.getPackage().getImplementationVersion();
        return new String[]{
                "Strategy Miner peer " + (version == null ? "(development build)" : version),
                "engine " + EngineVersion.CURRENT + ", Java " + Runtime.version()
        };
    }
}
