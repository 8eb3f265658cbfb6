package io.strategyminer.peer.service;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code peer service} needs from the machine, injectable so that tests write into a temporary home and run
 * no service manager.
 *
 * @param osName   this machine's {@code os.name}: the platform the files are for, unless {@code --os} says otherwise
 * @param home     the user's home, under which the service file goes
 * @param user     the account a Windows task runs as ({@code DOMAIN\name})
 * @param javaHome the Java the service runs the peer with
 * @param jar      peer.jar, absolute; empty when not running from a jar (an IDE, the test class path)
 * @param runner   runs the service manager's commands
 */
public record ServiceEnvironment(String osName, Path home, String user, String javaHome, Optional<String> jar,
                                 Runner runner) {

    /** Runs one command, its output on this process's console, and returns its exit code. */
    @FunctionalInterface
    public interface Runner {
        int run(SystemCommand command) throws IOException, InterruptedException;
    }

    /** This machine, this user, this JVM and the jar it runs from. */
    public static ServiceEnvironment current() {
        String user = System.getenv("USERDOMAIN") != null && System.getenv("USERNAME") != null
                ? System.getenv("USERDOMAIN") + "\\" + System.getenv("USERNAME") : System.getProperty("user.name");
        return new ServiceEnvironment(System.getProperty("os.name"),
                Path.of(System.getProperty("user.home")), user, System.getProperty("java.home"), runningJar(),
                command -> new ProcessBuilder(command.argv()).inheritIO().start().waitFor());
    }

    private static Optional<String> runningJar() {
        try {
            Path location = Path.of(ServiceEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) && location.toString().endsWith(".jar")
                    ? Optional.of(location.toAbsolutePath().toString()) : Optional.empty();
        } catch (URISyntaxException | SecurityException e) {
            return Optional.empty();
        }
    }
}
