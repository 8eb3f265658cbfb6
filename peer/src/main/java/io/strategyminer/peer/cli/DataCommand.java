package io.strategyminer.peer.cli;

import picocli.CommandLine.Command;

/** Placeholder: being written. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "(being written)")
final class DataCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalStateException("not built yet");
    }
}
