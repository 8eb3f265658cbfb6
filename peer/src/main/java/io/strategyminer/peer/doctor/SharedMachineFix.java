package io.strategyminer.peer.doctor;

/**
 * What to do about peers that announce one machine id ({@code sharedMachines} in {@code GET /api/status}), as
 * {@code peer doctor} and {@code peer status} say it. The id comes from the system ({@code MachineId.detect}); there is
 * no option to set it, so the fix is on the system.
 */
public final class SharedMachineFix {
    public static final String TEXT = "if they are cloned VMs, give each its own id and restart its peer: on Linux"
            + " `sudo rm /etc/machine-id && sudo systemd-machine-id-setup`, on macOS and Windows delete"
            + " ~/.config/strategy-miner/machine-id; peers that really share one computer (the demo, a second peer for"
            + " testing) count as one by design: submit with --allow-same-machine to let them verify each other";

    private SharedMachineFix() {
    }
}
