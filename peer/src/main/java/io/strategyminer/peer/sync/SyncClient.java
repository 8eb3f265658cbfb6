package io.strategyminer.peer.sync;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;
import io.strategyminer.data.Dataset;
import io.strategyminer.data.DatasetId;
import io.strategyminer.data.store.DatasetStore;
import io.strategyminer.ledger.BlobOffer;
import io.strategyminer.ledger.Ledger;
import io.strategyminer.ledger.Sha256;
import io.strategyminer.peer.security.ClusterSecret;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens sync sessions, dataset transfers and checkpoint-blob fetches with other peers' {@link SyncServer}s. Each call is one
 * connection, bounded by {@link SyncSettings#sessionTimeout()}; calls may run concurrently. Close it
 * to stop its threads.
 */
public final class SyncClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncClient.class);
    private static final long SHUTDOWN_SECONDS = 5;
    private static final long QUIET_MILLIS = 50;
    private static final int MAX_CONNECT_MILLIS = 10_000;

    private final SessionKeys keys;
    private final Ledger ledger;
    private final DatasetStore datasets;
    private final SyncSettings settings;
    private final SyncStats.Counters counters = new SyncStats.Counters();
    private final EventLoopGroup io = new NioEventLoopGroup(1, new DefaultThreadFactory("sync-client-io"));
    private final EventExecutorGroup sessions = new DefaultEventExecutorGroup(1,
            new DefaultThreadFactory("sync-client-session"));
    /** Sessions in progress, failed at once by {@link #close()} so that no caller waits for its timeout. */
    private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();

    public SyncClient(ClusterSecret secret, Ledger ledger, DatasetStore datasets, SyncSettings settings) {
        this.keys = new SessionKeys(secret);
        this.ledger = ledger;
        this.datasets = datasets;
        this.settings = settings;
    }

    /**
     * Syncs with the peer at {@code host:port} in both directions: afterwards each holds every event the
     * other held when the session started.
     *
     * @throws SyncException if the peer cannot be reached, is refused (wrong secret), breaks the protocol,
     *                       sends a tampered frame or the session times out
     */
    public SyncResult sync(String host, int port) throws SyncException {
        SyncResult result = run(host, port, future -> new ClientSync(ledger, settings, counters, future));
        counters.sessions.incrementAndGet();
        LOG.info("sync with {}:{}: {}", host, port, result);
        return result;
    }

    /**
     * Fetches a dataset from the peer at {@code host:port}, verifies every chunk and the whole against
     * {@code id}, and saves it in this peer's dataset store.
     *
     * @throws SyncException if the peer lacks it, a chunk is corrupted, or as for {@link #sync}
     */
    public Dataset fetchDataset(String host, int port, DatasetId id) throws SyncException {
        Dataset dataset = run(host, port, future -> new ClientFetch(id, future));
        try {
            datasets.save(dataset, "sync from " + host + ":" + port);
        } catch (IOException e) {
            throw new SyncException("fetched dataset " + id.shortHex() + " but cannot store it: " + e.getMessage(), e);
        }
        counters.sessions.incrementAndGet();
        LOG.info("fetched dataset {} ({} candles) from {}:{}", id.shortHex(), dataset.size(), host, port);
        return dataset;
    }

    /**
     * Fetches the checkpoint blob named {@code hash}, of {@code size} bytes as its checkpoint declares, from the
     * peer at {@code host:port}, checks that its content hashes to {@code hash} and offers it to this peer's
     * ledger ({@link Ledger#offerBlob}), which stores it if it is a checkpoint peers keep (so this peer can serve
     * it in turn).
     *
     * @return the blob's bytes
     * @throws SyncException if the peer does not hold it, announces another size, sends other bytes, or as for
     *                       {@link #sync}
     */
    public byte[] fetchBlob(String host, int port, Sha256 hash, long size) throws SyncException {
        if (size < 1 || size > Ledger.MAX_BLOB_BYTES) {
            throw new IllegalArgumentException("a blob has 1 to " + Ledger.MAX_BLOB_BYTES + " bytes, not " + size);
        }
        byte[] blob = run(host, port, future -> new ClientBlobFetch(hash, size, future));
        BlobOffer stored = ledger.offerBlob(hash, blob, host + ":" + port); // checks the hash once more
        counters.sessions.incrementAndGet();
        LOG.info("fetched blob {} ({} bytes) from {}:{}: {}", hash.shortHex(), blob.length, host, port,
                stored.refusal().map(why -> "not stored, " + stored.detail()).orElse("stored"));
        return blob;
    }

    public SyncStats stats() {
        return counters.snapshot();
    }

    private <T> T run(String host, int port, Function<CompletableFuture<T>, SessionHandler> session)
            throws SyncException {
        CompletableFuture<T> future = new CompletableFuture<>();
        running.add(future);
        SessionHandler handler = session.apply(future);
        Bootstrap bootstrap = new Bootstrap()
                .group(io)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(MAX_CONNECT_MILLIS, settings.readTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        SyncChannels.configure(channel, true, keys, counters, settings, sessions, handler);
                    }
                });
        ChannelFuture connect = bootstrap.connect(host, port);
        Channel channel = connect.channel();
        try {
            if (!connect.awaitUninterruptibly(MAX_CONNECT_MILLIS + 1_000L) || !connect.isSuccess()) {
                throw new SyncException("cannot connect to the sync port " + host + ":" + port + ": "
                        + (connect.cause() == null ? "timed out" : connect.cause().getMessage()), connect.cause());
            }
            return future.get(settings.sessionTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SyncException s ? s
                    : new SyncException("sync with " + host + ":" + port + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new SyncException("session with " + host + ":" + port + " did not end within "
                    + settings.sessionTimeout().toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SyncException("interrupted during a session with " + host + ":" + port, e);
        } finally {
            running.remove(future);
            channel.close().awaitUninterruptibly(SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Ends every connection and waits (bounded) for the threads to stop. */
    @Override
    public void close() {
        running.forEach(future -> future.completeExceptionally(new SyncException("the sync client was closed")));
        for (EventExecutorGroup group : new EventExecutorGroup[] {io, sessions}) {
            // a short quiet period lets tasks that closing connections hand between the groups run first
            group.shutdownGracefully(QUIET_MILLIS, SHUTDOWN_SECONDS * 1_000, TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(2 * SHUTDOWN_SECONDS, TimeUnit.SECONDS);
        }
    }
}
