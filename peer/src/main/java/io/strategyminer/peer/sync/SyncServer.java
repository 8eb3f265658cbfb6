package io.strategyminer.peer.sync;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.peer.net.ConnectionLimit;
import io.strategyminer.peer.net.WarningBudget;
import io.strategyminer.peer.security.ClusterSecret;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves repair sync and dataset transfers of one peer (DESIGN §5, §8) to any peer that proves the
 * cluster secret: version vectors are exchanged and each side streams what the other lacks; datasets
 * are sent in verified chunks. Listens on the JGroups port + 1 ({@link #portFor}). Blocking ledger and
 * store work runs on two session threads, never on the I/O thread.
 *
 * <p>Limits before allocation (DESIGN §8): at most {@link ConnectionLimit.Settings#DEFAULTS} connections (64, 16
 * from one address; one over the limit is reset as soon as it is accepted), frames checked on their length
 * prefix ({@link SyncFrameDecoder}), a handshake that must end within {@link SyncSettings#handshakeTimeout()},
 * and at most 20 failure warnings a minute in the log.
 */
public final class SyncServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncServer.class);
    private static final long SHUTDOWN_SECONDS = 5;
    private static final long QUIET_MILLIS = 50;

    private final SessionKeys keys;
    private final Ledger ledger;
    private final DatasetStore datasets;
    private final SyncSettings settings;
    private final SyncStats.Counters counters = new SyncStats.Counters();
    private final ConnectionLimit connections = new ConnectionLimit(ConnectionLimit.Settings.DEFAULTS);
    private final WarningBudget warnings = ServerSession.failureWarnings();
    private EventLoopGroup acceptor;
    private EventLoopGroup io;
    private EventExecutorGroup sessions;
    private ChannelGroup channels;
    private Channel listener;

    public SyncServer(ClusterSecret secret, Ledger ledger, DatasetStore datasets, SyncSettings settings) {
        this.keys = new SessionKeys(secret);
        this.ledger = ledger;
        this.datasets = datasets;
        this.settings = settings;
    }

    /** The sync port of a peer whose JGroups transport listens on {@code jgroupsPort}. */
    public static int portFor(int jgroupsPort) {
        if (jgroupsPort < 1 || jgroupsPort > 65_534) {
            throw new IllegalArgumentException("JGroups port " + jgroupsPort + " leaves no room for the sync port");
        }
        return jgroupsPort + 1;
    }

    /**
     * Starts listening.
     *
     * @param port 0 for any free port
     * @return the bound address
     * @throws SyncException if the address cannot be bound (in use, not local)
     */
    public synchronized InetSocketAddress start(String host, int port) throws SyncException {
        if (listener != null) {
            throw new IllegalStateException("sync server already listening on " + listener.localAddress());
        }
        acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("sync-accept"));
        io = new NioEventLoopGroup(1, new DefaultThreadFactory("sync-server-io"));
        sessions = new DefaultEventExecutorGroup(2, new DefaultThreadFactory("sync-server-session"));
        channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, io)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        Optional<ConnectionLimit.Permit> permit = connections.admit(channel.remoteAddress().getAddress());
                        if (permit.isEmpty()) {
                            refuse(channel);
                            return;
                        }
                        channel.closeFuture().addListener(closed -> permit.get().close());
                        channels.add(channel);
                        SyncChannels.configure(channel, false, keys, counters, settings, sessions,
                                new ServerSession(ledger, datasets, settings, counters, warnings));
                    }
                });
        ChannelFuture bind = bootstrap.bind(host, port);
        if (!bind.awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS) || !bind.isSuccess()) {
            Throwable cause = bind.cause();
            close();
            throw new SyncException("cannot listen for sync on " + host + ":" + port + ": "
                    + (cause == null ? "timed out" : cause.getMessage()), cause);
        }
        listener = bind.channel();
        InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
        LOG.info("sync server listening on {}", bound);
        return bound;
    }

    public SyncStats stats() {
        return counters.snapshot();
    }

    /** Over the connection limit: reset at once, before a byte is read. */
    private void refuse(SocketChannel channel) {
        counters.refusedConnections.incrementAndGet();
        warnings.warn(() -> "refused a sync connection from " + channel.remoteAddress() + ": connection limit ("
                + connections.settings() + ") reached");
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        channel.close();
    }

    /** Stops listening, closes every connection and waits (bounded) for the threads to end. */
    @Override
    public synchronized void close() {
        if (listener != null) {
            listener.close().awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
            listener = null;
        }
        if (channels != null) {
            channels.close().awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
            channels = null;
        }
        for (EventExecutorGroup group : new EventExecutorGroup[] {acceptor, io, sessions}) {
            if (group != null) {
                // a short quiet period lets tasks that closing connections hand between the groups run first
                group.shutdownGracefully(QUIET_MILLIS, SHUTDOWN_SECONDS * 1_000, TimeUnit.MILLISECONDS)
                        .awaitUninterruptibly(2 * SHUTDOWN_SECONDS, TimeUnit.SECONDS);
            }
        }
        acceptor = null;
        io = null;
        sessions = null;
    }
}
