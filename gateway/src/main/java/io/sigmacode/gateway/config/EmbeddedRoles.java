package io.sigmacode.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Locks the embedded PostgreSQL: a password for every connection, and the runtime role the gateway serves with.
 * Passwords are generated base64url text, so writing them into DDL (which takes no bind parameters) is safe.
 */
final class EmbeddedRoles {

    private static final String HEADER = "# Written by the Sigmacode gateway: every connection proves a password.";
    private static final List<String> HBA = List.of(HEADER,
            "local all all scram-sha-256",
            "host all all 127.0.0.1/32 scram-sha-256",
            "host all all ::1/128 scram-sha-256");

    private EmbeddedRoles() {
    }

    /** Whether this data directory already demands passwords (it was locked on an earlier start). */
    static boolean passwordsRequired(Path dataDir) throws IOException {
        Path hba = dataDir.resolve("pg_hba.conf");
        return Files.exists(hba) && Files.readAllLines(hba).stream().findFirst().filter(HEADER::equals).isPresent();
    }

    /** initdb reads the superuser's password from a file; this one is private and deleted after the start. */
    static Path passwordFile(Path dir, String password) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "initdb-", ".pw",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, password);
        return file;
    }

    static void requirePasswords(Path dataDir) {
        try {
            Files.write(dataDir.resolve("pg_hba.conf"), HBA);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write pg_hba.conf in " + dataDir, e);
        }
    }

    /** Sets both passwords, creates the runtime role (no superuser), and locks a directory that was still open. */
    static void ensure(String url, EmbeddedCredentials credentials, Path dataDir) throws IOException {
        try (Connection owner = DriverManager.getConnection(url, EmbeddedCredentials.OWNER_ROLE, credentials.owner());
             Statement sql = owner.createStatement()) {
            sql.execute("ALTER ROLE " + EmbeddedCredentials.OWNER_ROLE + " PASSWORD '" + credentials.owner() + "'");
            String runtime = EmbeddedCredentials.RUNTIME_ROLE;
            sql.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + runtime + "') THEN "
                    + "CREATE ROLE " + runtime + " LOGIN; END IF; END $$");
            sql.execute("ALTER ROLE " + runtime + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
                    + "NOBYPASSRLS PASSWORD '" + credentials.runtime() + "'");
            if (!passwordsRequired(dataDir)) {
                requirePasswords(dataDir);
                sql.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the roles of the embedded PostgreSQL", e);
        }
    }
}
