package io.strategyminer.web;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code GET /webjars/<name>/<file>}: a file of a WebJar on the classpath, without its version in the
 * URL (the pages name {@code /webjars/uplot/dist/uPlot.esm.js}; the jar holds
 * {@code META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.esm.js}), so that upgrading the library is a
 * change of the parent pom only. The version comes from the jar's {@code pom.properties}.
 */
final class WebJars {
    static final String PREFIX = "/webjars";
    private static final String ROOT = "META-INF/resources/webjars";
    /** The Maven groups WebJars are published under. */
    private static final List<String> GROUPS = List.of("org.webjars.npm", "org.webjars");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final ClassLoader loader;
    private final Map<String, Optional<String>> versions = new ConcurrentHashMap<>();
    private final ResourceHandler files;
    private final HttpHandler missing;

    /** @param missing answers a path that names no WebJar file */
    WebJars(ClassLoader loader, HttpHandler missing) {
        this.loader = loader;
        this.files = new ResourceHandler(new ClassPathResourceManager(loader, ROOT), missing);
        files.setDirectoryListingEnabled(false);
        this.missing = missing;
    }

    /** Serves {@code /webjars/<name>/<file>} (the request path must start with {@link #PREFIX}). */
    void handle(HttpServerExchange exchange) throws Exception {
        String rest = exchange.getRequestPath().substring(PREFIX.length()); // "/uplot/dist/uPlot.esm.js"
        int slash = rest.indexOf('/', 1);
        String name = slash < 0 ? "" : rest.substring(1, slash);
        Optional<String> version = NAME.matcher(name).matches() ? version(name) : Optional.empty();
        if (version.isEmpty() || rest.endsWith("/")) {
            missing.handleRequest(exchange);
            return;
        }
        exchange.setRelativePath("/" + name + "/" + version.get() + rest.substring(slash));
        files.handleRequest(exchange);
    }

    private Optional<String> version(String name) {
        return versions.computeIfAbsent(name, n -> {
            for (String group : GROUPS) {
                try (InputStream in = loader.getResourceAsStream("META-INF/maven/" + group + "/" + n + "/pom.properties")) {
                    if (in != null) {
                        Properties properties = new Properties();
                        properties.load(in);
                        return Optional.ofNullable(properties.getProperty("version"));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the version of WebJar " + n, e);
                }
            }
            return Optional.empty();
        });
    }
}
