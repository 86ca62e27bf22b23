package io.sigmacode.firewall.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled rows and the frozen split of them. A row is <b>held out</b> when the first four bytes of SHA-256 of its
 * {@code id}, read as an unsigned big-endian integer, are 0 modulo 5: about a fifth of every file, fixed by the id
 * alone, so it cannot drift with file order or with anything learned from the rows. Held-out rows are never used to
 * write rules or to fit weights, and their misses are never listed. Cross-validation folds over the remaining rows
 * use the same hash of {@code "fold:" + id}, so folds are independent of the held-out choice.
 */
public final class DevSet {

    public static final int HELD_OUT_MODULUS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One labelled row: the raw JSON keeps every field a report may group by. */
    public record Row(String id, String text, String label, JsonNode json) {

        public boolean heldOut() {
            return bucket(id, HELD_OUT_MODULUS) == 0;
        }

        public int fold(int folds) {
            return bucket("fold:" + id, folds);
        }

        public String field(String name) {
            return json.path(name).asText();
        }
    }

    private DevSet() {
    }

    public static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode n = JSON.readTree(line);
                    rows.add(new Row(n.path("id").asText(), n.path("text").asText(), n.path("label").asText(), n));
                }
            }
        }
        return rows;
    }

    static int bucket(String key, int modulus) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long v = ((d[0] & 0xffL) << 24) | ((d[1] & 0xffL) << 16) | ((d[2] & 0xffL) << 8) | (d[3] & 0xffL);
            return (int) (v % modulus);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
