package io.strategyminer.peer.service;

import java.nio.file.Path;
import java.util.List;

/**
 * One platform's way of starting the peer at login: the file it reads and the commands that make it take the file
 * up or let it go. Pure: writing the file and running the commands is the caller's job, so tests check both
 * without touching the machine's service manager.
 */
public interface ServiceManager {
    /** Where the file goes. */
    Path path();

    /** The file that runs {@code command} at login. */
    ServiceFile file(PeerCommand command);

    /** What to run once the file is written: register it and start the peer now. */
    List<SystemCommand> activate();

    /** What to run before the file is deleted: stop the peer and unregister it. */
    List<SystemCommand> deactivate();

    /** What to run after the file is deleted. */
    List<SystemCommand> afterRemoval();

    /** One or two sentences for the user once installed: how to see it and its logs. */
    String howToWatch(PeerCommand command);
}
