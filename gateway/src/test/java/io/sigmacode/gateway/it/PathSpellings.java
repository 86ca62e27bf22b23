package io.sigmacode.gateway.it;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Ways a client, a proxy or an attacker can spell a route's path: each yields a URI that HTTP clients send as-is. */
final class PathSpellings {

    private PathSpellings() {
    }

    static Set<String> of(String path) {
        Set<String> spellings = new LinkedHashSet<>();
        for (int i = 1; i < path.length(); i++) {
            spellings.add(encodeAt(path, i, false));
            spellings.add(encodeAt(path, i, true));
        }
        spellings.add(encodeAll(path, false));
        spellings.add(encodeAll(path, true));
        String[] segments = path.substring(1).split("/");
        String first = "/" + segments[0];
        String rest = path.substring(first.length());
        spellings.addAll(List.of(
                path + "/", path + "//", "/" + path, first + "/" + rest,
                "/." + path, first + "/." + rest, path + "/.", "/x/.." + path, first + "/x/.." + rest,
                "/%2e" + path, "/x/%2e%2e" + path, "/x/%2E%2E" + path, first + "%2f" + rest.substring(1),
                first + ";a=b" + rest, path + ";a=b", first + ";" + rest, path + "/;", first + ";jsessionid=1" + rest,
                path.toUpperCase(Locale.ROOT), first.toUpperCase(Locale.ROOT) + rest, path + "%20", path + "%00",
                path + "/%2e", "/%2F" + path.substring(1)));
        return spellings;
    }

    private static String encodeAt(String path, int index, boolean upper) {
        return path.substring(0, index) + encode(path.charAt(index), upper) + path.substring(index + 1);
    }

    private static String encodeAll(String path, boolean upper) {
        StringBuilder encoded = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            encoded.append(c == '/' ? "/" : encode(c, upper));
        }
        return encoded.toString();
    }

    private static String encode(char c, boolean upper) {
        String hex = String.format("%%%02x", (int) c);
        return upper ? hex.toUpperCase(Locale.ROOT) : hex;
    }
}
