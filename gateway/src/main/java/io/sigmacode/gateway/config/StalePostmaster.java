package io.sigmacode.gateway.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded PostgreSQL runs in its own session (pg_ctl daemonises it), so a gateway killed with SIGKILL leaves
 * it running and its {@code postmaster.pid} makes the next start fail. Before a start and after a stop this makes
 * the data directory free again: a postmaster still serving it is stopped (SIGTERM, then SIGKILL after a timeout),
 * and a pid file whose process is gone, or is not a PostgreSQL of this directory, is removed.
 */
final class StalePostmaster {

    private static final Logger log = LoggerFactory.getLogger(StalePostmaster.class);
    /** zonky's own lock: a live gateway on the same directory holds it, and its database is left alone. */
    private static final String OWNER_LOCK = "epg-lock";

    private final Path dataDir;
    private final Duration stopTimeout;

    StalePostmaster(Path dataDir, Duration stopTimeout) {
        this.dataDir = dataDir;
        this.stopTimeout = stopTimeout;
    }

    void clear() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile) || ownedByALiveGateway()) {
            return;
        }
        Optional<ProcessHandle> postmaster = pid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (postmaster.isPresent() && servesThisDirectory(postmaster.get())) {
            log.warn("Stopping PostgreSQL (pid {}) left running on {} by a gateway that did not stop it",
                    postmaster.get().pid(), dataDir);
            stop(postmaster.get());
        }
        if (Files.deleteIfExists(pidFile)) {
            log.warn("Removed the stale {} (its process is gone or is not a PostgreSQL of this directory)", pidFile);
        }
    }

    private boolean ownedByALiveGateway() throws IOException {
        Path lockFile = dataDir.resolve(OWNER_LOCK);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
             FileLock lock = file.getChannel().tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    private static Optional<Long> pid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A PostgreSQL server works in its data directory, so its working directory names it. */
    private boolean servesThisDirectory(ProcessHandle process) {
        boolean postgres = process.info().command().map(c -> Path.of(c).getFileName().toString().equals("postgres"))
                .orElse(false);
        try {
            return postgres && Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"))
                    .equals(dataDir.toRealPath());
        } catch (IOException | UnsupportedOperationException e) {
            return postgres && process.info().arguments().map(args -> List.of(args).contains(dataDir.toString()))
                    .orElse(false);
        }
    }

    private void stop(ProcessHandle postmaster) {
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroy();
        if (!exited(postmaster)) {
            log.warn("PostgreSQL (pid {}) did not stop within {}; killing it", postmaster.pid(), stopTimeout);
            postmaster.destroyForcibly();
            exited(postmaster);
        }
        // After a SIGKILL the backends would keep the shared memory attached and block the next start.
        backends.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        backends.forEach(this::exited);
    }

    private boolean exited(ProcessHandle process) {
        try {
            process.onExit().get(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }
}
