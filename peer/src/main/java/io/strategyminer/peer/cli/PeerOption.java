package io.strategyminer.peer.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --peer URL} option of the commands that talk to a running peer's HTTP API ({@code submit},
 * {@code status}, {@code results}). Use it as a picocli mixin: {@code @Mixin PeerOption peer;} then
 * {@code peer.api(token)}.
 */
final class PeerOption {
    @Option(names = "--peer", paramLabel = "URL", defaultValue = PeerApi.DEFAULT_URL,
            description = "The HTTP API of any peer of the cluster, as `peer start --http` serves it"
                    + " (default: ${DEFAULT-VALUE}).")
    private String url = PeerApi.DEFAULT_URL;

    /** The API at {@code --peer}; {@code token} authorises POSTs from another machine. */
    PeerApi api(Optional<String> token) {
        return PeerApi.at(url, token);
    }
}
