package io.strategyminer.peer.doctor;

import io.strategyminer.peer.cluster.ClusterConfig;
import io.strategyminer.peer.cluster.LocalAddress;
import io.strategyminer.peer.cluster.SeedAddress;
import io.strategyminer.peer.runtime.DiskPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The real {@link Probes}: bind attempts, a temporary file, one multicast datagram, TCP connects, {@code pmset}; each
 * bounded in time and leaving nothing behind. The running peer is asked through a supplier (the CLI's HTTP client).
 *
 * <p>A peer running here receives the multicast datagram and the seeds' connections too; it drops both unread (no
 * valid seal) and counts them among its refused frames and unproven connections.
 */
public final class SystemProbes implements Probes {
    private static final Duration PMSET_WAIT = Duration.ofSeconds(5);
    private static final byte[] MULTICAST_PREFIX = "strategy-miner doctor ".getBytes(StandardCharsets.US_ASCII);

    private final Supplier<RunningPeer> runningPeer;

    public SystemProbes(Supplier<RunningPeer> runningPeer) {
        this.runningPeer = runningPeer;
    }

    @Override
    public JavaRuntime java() {
        return new JavaRuntime(Runtime.version().feature(), Runtime.version().toString(),
                System.getProperty("java.vendor", "unknown vendor"), System.getProperty("java.home", "?"));
    }

    @Override
    public PortState port(Optional<InetAddress> address, int port, Protocol protocol) {
        if (address.isPresent() && !local(address.get())) {
            return new PortState(PortState.Availability.NOT_LOCAL, address.get().getHostAddress()
                    + " is not an address of this machine");
        }
        InetSocketAddress where = new InetSocketAddress(address.orElse(null), port);
        try {
            if (protocol == Protocol.TCP) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.bind(where);
                }
            } else {
                try (DatagramSocket socket = new DatagramSocket(null)) {
                    socket.bind(where);
                }
            }
            return PortState.free();
        } catch (BindException e) {
            return new PortState(PortState.Availability.TAKEN, String.valueOf(e.getMessage()));
        } catch (IOException e) {
            return new PortState(PortState.Availability.TAKEN, e.toString());
        }
    }

    @Override
    public DataDirState dataDir(Path dataDir) {
        boolean exists = Files.isDirectory(dataDir);
        Optional<String> notWritable = Optional.empty();
        if (exists) {
            try {
                Files.delete(Files.createTempFile(dataDir, ".doctor-", ".tmp"));
            } catch (IOException | SecurityException e) {
                notWritable = Optional.of(e.toString());
            }
        } else if (Files.exists(dataDir)) {
            notWritable = Optional.of("it is a file, not a directory");
        } else {
            Path parent = nearestExisting(dataDir);
            if (!Files.isWritable(parent)) {
                notWritable = Optional.of("it does not exist and " + parent + " is not writable, so it cannot be created");
            }
        }
        long usable;
        try {
            usable = DiskPolicy.DEFAULT.freeSpace().usableBytes(nearestExisting(dataDir));
        } catch (IOException e) {
            usable = -1;
        }
        return new DataDirState(exists, notWritable, DiskPolicy.DEFAULT.shortage(dataDir), usable);
    }

    @Override
    public MulticastResult multicast(ClusterConfig.Multicast group, Optional<InetAddress> bind, Duration wait) {
        InetAddress local = bind.filter(a -> !a.isAnyLocalAddress()).orElseGet(LocalAddress::transportDefault);
        NetworkInterface iface;
        try {
            iface = NetworkInterface.getByInetAddress(local);
        } catch (IOException e) {
            iface = null;
        }
        if (iface == null) {
            return new MulticastResult(MulticastResult.Outcome.NO_ROUTE, local.getHostAddress(),
                    "no interface of this machine has that address", false);
        }
        String name = iface.getName() + " (" + local.getHostAddress() + ")";
        boolean loopback = local.isLoopbackAddress();
        InetSocketAddress target = new InetSocketAddress(group.group(), group.port());
        try (MulticastSocket socket = new MulticastSocket(null)) {
            socket.setReuseAddress(true); // the group's port is shared with any peer running here
            socket.bind(new InetSocketAddress(group.port()));
            socket.setNetworkInterface(iface);
            socket.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            socket.setTimeToLive(group.ttl());
            socket.joinGroup(target, iface);
            try {
                byte[] nonce = nonce();
                long start = System.nanoTime();
                socket.send(new DatagramPacket(nonce, nonce.length, target));
                long deadline = start + wait.toNanos();
                byte[] buffer = new byte[nonce.length + 1];
                while (true) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return new MulticastResult(MulticastResult.Outcome.NOT_RECEIVED, name,
                                wait.toMillis() + " ms", loopback);
                    }
                    socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    try {
                        socket.receive(packet);
                    } catch (SocketTimeoutException e) {
                        continue; // the deadline check above ends the wait
                    }
                    if (packet.getLength() == nonce.length
                            && Arrays.equals(nonce, Arrays.copyOf(packet.getData(), packet.getLength()))) {
                        double millis = (System.nanoTime() - start) / 1e6;
                        return new MulticastResult(MulticastResult.Outcome.RECEIVED, name,
                                String.format(java.util.Locale.ROOT, "%.1f ms", millis), loopback);
                    }
                    // another sender's datagram on the group (a peer's discovery): keep waiting for ours
                }
            } finally {
                socket.leaveGroup(target, iface);
            }
        } catch (IOException e) {
            return new MulticastResult(MulticastResult.Outcome.NO_ROUTE, name, String.valueOf(e.getMessage()), loopback);
        }
    }

    @Override
    public SeedAnswer connect(SeedAddress seed, Duration deadline) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(seed.host(), seed.port()), (int) deadline.toMillis());
            return new SeedAnswer(seed, true, (System.nanoTime() - start) / 1_000_000 + " ms");
        } catch (SocketTimeoutException e) {
            return new SeedAnswer(seed, false, "no answer within " + deadline.toSeconds() + " s");
        } catch (UnknownHostException e) {
            return new SeedAnswer(seed, false, "unknown host");
        } catch (IOException e) {
            return new SeedAnswer(seed, false, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    @Override
    public RunningPeer runningPeer() {
        return runningPeer.get();
    }

    @Override
    public String osName() {
        return System.getProperty("os.name", "unknown OS");
    }

    @Override
    public Optional<String> powerSettings() {
        Process process;
        try {
            process = new ProcessBuilder("pmset", "-g").redirectErrorStream(true).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try (InputStream output = process.getInputStream()) {
            // pmset -g prints a few lines, far less than a pipe holds, so it ends without being read first
            if (!process.waitFor(PMSET_WAIT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            return Optional.of(new String(output.readNBytes(64 * 1024), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            process.destroyForcibly();
        }
    }

    private static boolean local(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path nearestExisting(Path dir) {
        Path existing = dir.toAbsolutePath();
        while (!Files.isDirectory(existing) && existing.getParent() != null) {
            existing = existing.getParent();
        }
        return existing;
    }

    private static byte[] nonce() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        byte[] nonce = Arrays.copyOf(MULTICAST_PREFIX, MULTICAST_PREFIX.length + random.length);
        System.arraycopy(random, 0, nonce, MULTICAST_PREFIX.length, random.length);
        return nonce;
    }
}
