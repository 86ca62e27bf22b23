package io.sigmacode.gateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class StalePostmasterTest {

    @TempDir
    Path dir;

    private Path pidFile(String firstLine) throws Exception {
        return Files.writeString(dir.resolve("postmaster.pid"), firstLine + "\n" + dir + "\n1700000000\n5432\n");
    }

    private void clear() throws Exception {
        new StalePostmaster(dir, Duration.ofSeconds(5)).clear();
    }

    @Test
    void withoutAPidFileNothingHappens() throws Exception {
        clear();

        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void aPidFileOfADeadProcessIsRemoved() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path pidFile = pidFile(Long.toString(gone.pid()));

        clear();

        assertThat(pidFile).doesNotExist();
    }

    @Test
    void aLiveProcessThatIsNotOurPostgresIsLeftAloneAndItsPidFileRemoved() throws Exception {
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            Path pidFile = pidFile(Long.toString(other.pid()));

            clear();

            assertThat(pidFile).doesNotExist();
            assertThat(other.isAlive()).isTrue();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aGarbledPidFileIsRemoved() throws Exception {
        Path pidFile = pidFile("not a pid");

        clear();

        assertThat(pidFile).doesNotExist();
    }

    @Test
    void aDirectoryALiveGatewayHoldsIsNotTouched() throws Exception {
        Path pidFile = pidFile("999999999");
        try (RandomAccessFile lockFile = new RandomAccessFile(dir.resolve("epg-lock").toFile(), "rw");
             FileLock lock = lockFile.getChannel().lock()) {

            clear();

            assertThat(pidFile).exists();
        }
    }
}
