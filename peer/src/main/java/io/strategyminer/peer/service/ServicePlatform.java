package io.strategyminer.peer.service;

import java.nio.file.Path;
import java.util.Locale;

/** The platforms a peer runs on as a service, each with its service manager. */
public enum ServicePlatform {
    LINUX, MACOS, WINDOWS;

    /** The platform of {@code os.name}, e.g. "Linux", "Mac OS X", "Windows 11". */
    public static ServicePlatform of(String osName) {
        String name = osName.toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return WINDOWS;
        }
        if (name.startsWith("mac")) {
            return MACOS;
        }
        if (name.startsWith("linux")) {
            return LINUX;
        }
        throw new IllegalArgumentException("no service manager known for " + osName + ": run `peer start` from your"
                + " system's own autostart, or choose --os linux|macos|windows");
    }

    /** The service manager of this platform, writing under {@code home} for {@code user}. */
    public ServiceManager manager(Path home, String user) {
        return switch (this) {
            case LINUX -> new SystemdUserUnit(home);
            case MACOS -> new LaunchdAgent(home);
            case WINDOWS -> new WindowsLogonTask(home, user);
        };
    }

    /** The java executable under {@code javaHome}; on Windows the one without a console window. */
    public String java(String javaHome) {
        return this == WINDOWS ? javaHome + "\\bin\\javaw.exe" : javaHome + "/bin/java";
    }
}
