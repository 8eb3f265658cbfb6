package io.strategyminer.peer.service;

import java.nio.charset.Charset;
import java.nio.file.Path;

/** A file a service manager reads: where it goes, its text and the encoding that manager expects. */
public record ServiceFile(Path path, String content, Charset charset) {
}
