package io.strategyminer.peer.cli;

import picocli.CommandLine.Command;

/** Placeholder: being written. */
@Command(name = "mine", mixinStandardHelpOptions = true, description = "(being written)")
final class MineCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalStateException("not built yet");
    }
}
