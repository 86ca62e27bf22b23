package io.sigmacode.firewall.pii;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** A word list shipped as a resource, looked up case-insensitively; lines starting with {@code #} are comments. */
final class Gazetteer {

    private final Set<String> words;

    private Gazetteer(Set<String> words) {
        this.words = words;
    }

    static Gazetteer load(String resource) {
        Set<String> words = new HashSet<>();
        try (InputStream in = Gazetteer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                String w = line.strip();
                if (!w.isEmpty() && !w.startsWith("#")) {
                    words.add(w.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Gazetteer(Set.copyOf(words));
    }

    boolean contains(String word) {
        return words.contains(word.toLowerCase(Locale.ROOT));
    }
}
