package io.sigmacode.gateway.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The passwords of the embedded PostgreSQL's two roles, generated on first start and kept in a file only the
 * gateway's OS user can read (mode 600 from the moment it exists, never readable in between).
 *
 * @param owner   the superuser {@code postgres}: owns the schema, runs the migrations
 * @param runtime the role the gateway serves with ({@link #RUNTIME_ROLE}): no superuser, no DDL, no UPDATE,
 *                DELETE or TRUNCATE on the event table
 */
record EmbeddedCredentials(String owner, String runtime) {

    static final String OWNER_ROLE = "postgres";
    static final String RUNTIME_ROLE = "sigmacode_app";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Reads the file, or creates it with fresh passwords when there is none. */
    static EmbeddedCredentials in(Path file) throws IOException {
        if (!Files.exists(file)) {
            EmbeddedCredentials fresh = new EmbeddedCredentials(generate(), generate());
            Files.createDirectories(file.getParent());
            try {
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Properties properties = new Properties();
                properties.setProperty(OWNER_ROLE, fresh.owner());
                properties.setProperty(RUNTIME_ROLE, fresh.runtime());
                try (Writer out = Files.newBufferedWriter(file)) {
                    properties.store(out, "generated passwords of the embedded PostgreSQL; keep this file private");
                }
                return fresh;
            } catch (FileAlreadyExistsException raced) {
                return in(file);
            }
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return new EmbeddedCredentials(properties.getProperty(OWNER_ROLE), properties.getProperty(RUNTIME_ROLE));
    }

    private static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
