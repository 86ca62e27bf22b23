package io.sigmacode.firewall.secrets;

import io.sigmacode.firewall.text.AnchorIndex;
import io.sigmacode.firewall.text.Fingerprints;
import io.sigmacode.firewall.text.LongRuns;
import io.sigmacode.firewall.text.NormalizedText;
import io.sigmacode.firewall.text.ScanInput;
import io.sigmacode.firewall.text.Scanner;
import io.sigmacode.firewall.text.Windows;
import io.sigmacode.kernel.firewall.Finding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import static io.sigmacode.kernel.firewall.FirewallPolicyDocument.SECRET;

/**
 * Credentials: provider formats, private key blocks, JWTs whose header decodes, credentials embedded in URLs and
 * command lines, and high-entropy values assigned to secret-sounding names. Findings carry the span and a fingerprint,
 * never the value.
 */
public final class SecretScanner implements Scanner {

    public static final String ID = "secret@1";

    private static final Pattern PRIVATE_KEY = Pattern.compile(
            "-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----[\\s\\S]{0,64}?[A-Za-z0-9+/=]{16,}");
    private static final Pattern PUTTY_KEY = Pattern.compile("PuTTY-User-Key-File-\\d: [\\s\\S]{0,200}?Private-Lines: "
            + "\\d+\\s+[A-Za-z0-9+/=]{16,}");
    private static final Pattern JWT = Pattern.compile(
            "\\b(ey[A-Za-z0-9_-]{8,})\\.(ey[A-Za-z0-9_-]{4,})(?:\\.([A-Za-z0-9_-]*))?");
    private static final Pattern URL_CREDENTIALS = Pattern.compile(
            "(?<=[a-zA-Z0-9])://([^\\s:/@'\"`]{1,64}):([^\\s@/'\"`]{3,128})@[A-Za-z0-9.-]+");
    private static final Pattern CURL_USER = Pattern.compile(
            "(?:\\s-u\\s*|--user[\\s=]+)[\"']?([^\\s:\"']{1,64}):([^\\s\"']{4,128})");
    private static final Pattern AUTH_HEADER = Pattern.compile(
            "(?i)\\b(?:authorization|x-api-key|api-key|x-auth-token|private-token)[\"']?\\s*[:=]\\s*[\"']?"
                    + "(?:(?:basic|bearer|token|api-token|apikey|digest)\\s+)?([A-Za-z0-9._~+/=-]{16,})");
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)((?:key|secret|token|passwd|password|pwd|pass|credential|auth|access[_-]?id|client[_-]?id|api)"
                    + "[a-z0-9_.-]{0,20})[\"']?\\s*(?:=|:=|=>|:)\\s*(?:\"|'|`)?([A-Za-z0-9+/=_~.!@#$%^&*|:-]{8,200})");
    /**
     * Starts at the operator rather than behind the name: a look-behind as the first node is tried at every position
     * of every token window, the operator class fails fast. {@link #afterName} checks what precedes it.
     */
    private static final Pattern HIGH_ENTROPY_VALUE = Pattern.compile(
            "[:=]\\s*[\"']?([A-Za-z0-9+/_-]{20,120}={0,2})(?![A-Za-z0-9+/=_-])");
    private static final double HIGH_ENTROPY_BITS = 4.5;
    private static final Pattern PASSWORD_ASSIGNMENT = Pattern.compile(
            "(?i)\\b(?:password|passwd|pwd|db_pass(?:word)?|mysql_pwd|pgpassword)[\"']?\\s*(?:=|:)\\s*[\"']?("
                    + "[^\\s\"',;]{6,100})");

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
            + "[0-9a-fA-F]{12}");
    private static final Pattern NOT_A_SECRET_NAME = Pattern.compile(
            "(?i)(?:name|file|path|url|uri|dir|type|size|len|length|format|field|header|prefix|mode|version|chars"
                    + "|alphabet|str|ref|arn)[\"']?$");
    private static final Pattern DOTTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern FILE_OR_HOST = Pattern.compile("\\.(?:com|org|net|io|p12|pem|jks|json|ya?ml|txt|xml"
            + "|key|crt)\\b|/");

    private static final int MIN_TOKEN = 12;
    private static final boolean[] TOKEN_CHARS = new boolean[128];

    static {
        for (char c = '0'; c <= 'z'; c++) {
            TOKEN_CHARS[c] = Character.isLetterOrDigit(c);
        }
        for (char c : "+/=_.~:@|$%!*#^&-".toCharArray()) {
            TOKEN_CHARS[c] = true;
        }
    }

    private static final int BEFORE_TOKEN = 80;
    private static final int AFTER_TOKEN = 8;
    private static final int BEFORE_KEYWORD = 40;
    private static final int AFTER_KEYWORD = 160;
    private static final List<String> KEYWORDS = List.of("pass", "pwd", "secret", "token", "key", "auth", "credential",
            "api", "access",
            "client", "-u", "--user");

    private final List<SecretRule> providers = SecretRules.all();
    private final AnchorIndex providerAnchors;
    private final int[] ruleOfAnchor;

    public SecretScanner() {
        List<String> literals = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        for (int r = 0; r < providers.size(); r++) {
            for (String a : providers.get(r).anchors()) {
                literals.add(a);
                owners.add(r);
            }
        }
        providerAnchors = new AnchorIndex(literals);
        ruleOfAnchor = owners.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void scan(ScanInput input, List<Finding> out) {
        String text = input.text();
        Windows tokens = longTokens(text);
        Windows named = keywordWindows(input.normalized());
        if (tokens.isEmpty() && named.isEmpty()) {
            return;
        }
        List<Finding> found = new ArrayList<>();
        Windows[] perRule = new Windows[providers.size()];
        for (int i = 0; i < tokens.count(); i++) {
            int ts = tokens.start(i);
            int te = tokens.end(i);
            providerAnchors.scan(text, ts, te, (anchor, at) -> {
                int r = ruleOfAnchor[anchor];
                if (perRule[r] == null) {
                    perRule[r] = new Windows(text.length());
                }
                perRule[r].add(ts, te);
            });
        }
        for (int i = 0; i < providers.size(); i++) {
            if (perRule[i] == null) {
                continue;
            }
            SecretRule r = providers.get(i);
            perRule[i].forEachMatch(r.pattern(), text, m -> {
                String v = m.group(r.group());
                if (!Entropy.isFiller(v) && (r.minEntropy() == 0 || Entropy.bitsPerChar(v) >= r.minEntropy())) {
                    add(found, r.kind(), "provider." + r.kind(), m.start(r.group()), m.end(r.group()), 0.95, v);
                }
            });
        }
        input.checkDeadline();
        if (text.contains("PRIVATE KEY")) {
            find(PRIVATE_KEY, text, tokens, found);
        }
        if (text.contains("PuTTY-User-Key-File")) {
            find(PUTTY_KEY, text, tokens, found);
        }
        if (text.contains("eyJ")) {
            jwts(text, tokens, found);
        }
        if (text.indexOf('@') >= 0 && text.contains("://")) {
            urlCredentials(text, tokens, found);
        }
        named.forEachMatch(CURL_USER, text, m -> {
            String pass = m.group(2);
            if (!Entropy.looksLikePlaceholder(pass) && (Entropy.mixesClasses(pass)
                    || Entropy.bitsPerChar(pass) >= 3.5)) {
                add(found, "basic_auth", "cli_credentials", m.start(1), m.end(2), 0.8, pass);
            }
        });
        input.checkDeadline();
        headers(text, named, found);
        assignments(text, named, found);
        tokens.forEachMatch(HIGH_ENTROPY_VALUE, text, h -> {
            String v = h.group(1);
            if (afterName(text, h.start()) && Entropy.bitsPerChar(v) >= HIGH_ENTROPY_BITS && Entropy.mixesCase(v)
                    && Entropy.mixesClasses(v) && !Entropy.isFiller(v) && !Entropy.isDigest(v)) {
                add(found, "high_entropy_string", "high_entropy_assignment", h.start(1), h.end(1), 0.6, v);
            }
        });
        out.addAll(found);
    }

    /**
     * Regions around runs of 12 or more token characters: every credential format has a body that long, and the
     * 80 characters before it hold whatever name, header or prefix a rule looks at.
     */
    private static Windows longTokens(String text) {
        Windows w = new Windows(text.length());
        int s = LongRuns.nextStart(text, 0, TOKEN_CHARS, MIN_TOKEN);
        while (s >= 0) {
            int e = LongRuns.end(text, s, TOKEN_CHARS);
            w.add(s - BEFORE_TOKEN, e + AFTER_TOKEN);
            s = LongRuns.nextStart(text, e, TOKEN_CHARS, MIN_TOKEN);
        }
        return w;
    }

    /** True when a name character (letter, digit, {@code _.'"-}) precedes the operator at {@code op}, spaces aside. */
    private static boolean afterName(String text, int op) {
        int i = op - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        char c = text.charAt(i);
        return (c < 0x80 && Character.isLetterOrDigit(c)) || "_.\"'-".indexOf(c) >= 0;
    }

    /** Regions after a secret-sounding name: the only places where an assignment, header or CLI credential can be. */
    private static Windows keywordWindows(NormalizedText norm) {
        Windows w = new Windows(norm.original().length());
        String folded = norm.folded();
        for (String k : KEYWORDS) {
            int at = folded.indexOf(k);
            while (at >= 0) {
                int o = norm.originalIndex(at);
                w.add(o - BEFORE_KEYWORD, o + AFTER_KEYWORD);
                at = folded.indexOf(k, at + k.length());
            }
        }
        return w;
    }

    private void find(Pattern p, String text, Windows w, List<Finding> found) {
        w.forEachMatch(p, text, m -> add(found, "private_key", "private_key", m.start(), m.end(), 0.99, m.group()));
    }

    private void jwts(String text, Windows w, List<Finding> found) {
        w.forEachMatch(JWT, text, m -> {
            String header = decode(m.group(1));
            if (header.startsWith("{\"") || header.startsWith("{") && (header.contains("\"alg")
                    || header.contains("\"typ"))) {
                add(found, "jwt", "jwt", m.start(), m.end(), 0.9, m.group());
            }
        });
    }

    private static String decode(String b64url) {
        int cut = b64url.length() % 4 == 1 ? b64url.length() - 1 : b64url.length();
        try {
            return new String(Base64.getUrlDecoder().decode(b64url.substring(0, cut)), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private void urlCredentials(String text, Windows w, List<Finding> found) {
        w.forEachMatch(URL_CREDENTIALS, text, m -> {
            String pass = m.group(2);
            if (!Entropy.looksLikePlaceholder(pass) || pass.equals("password")) {
                add(found, "url_credentials", "url_credentials", m.start(2), m.end(2), 0.85, pass);
            }
        });
    }

    private void headers(String text, Windows w, List<Finding> found) {
        w.forEachMatch(AUTH_HEADER, text, m -> {
            String v = m.group(1);
            if (!Entropy.looksLikePlaceholder(v) && Entropy.bitsPerChar(v) >= 3.0 && Entropy.mixesClasses(v)) {
                add(found, "auth_header", "auth_header", m.start(1), m.end(1), 0.85, v);
            }
        });
    }

    private void assignments(String text, Windows w, List<Finding> found) {
        w.forEachMatch(ASSIGNMENT, text, m -> {
            String v = trimQuotes(m.group(2));
            if (v.length() < 8 || Entropy.looksLikePlaceholder(v) || Entropy.isFiller(v) || Entropy.isDigest(v)
                    || !Entropy.mixesClasses(v) || looksLikeCode(v)
                    || UUID.matcher(v).matches() || NOT_A_SECRET_NAME.matcher(m.group(1)).find()) {
                return;
            }
            double h = Entropy.bitsPerChar(v);
            if (h < 3.0 || (v.length() < 16 && h < 3.3)) {
                return;
            }
            double score = Math.min(0.9, 0.45 + (h - 3.0) * 0.25 + (v.length() >= 20 ? 0.1 : 0.0));
            add(found, "generic_secret", "generic_assignment", m.start(2), m.start(2) + v.length(), score, v);
        });
        w.forEachMatch(PASSWORD_ASSIGNMENT, text, p -> {
            String v = trimQuotes(p.group(1));
            if (!Entropy.looksLikePlaceholder(v) && v.length() >= 6 && !looksLikeCode(v)) {
                add(found, "password", "password_assignment", p.start(1), p.start(1) + v.length(), 0.7, v);
            }
        });
    }

    private static String trimQuotes(String v) {
        int end = v.length();
        while (end > 0 && ".,;:)]}'\"`".indexOf(v.charAt(end - 1)) >= 0) {
            end--;
        }
        return v.substring(0, end);
    }

    /** Dotted member access, file paths and function calls are values in code, not credentials. */
    private static boolean looksLikeCode(String v) {
        if (v.contains("(") || v.startsWith("/") || v.startsWith("./") || v.contains("::")) {
            return true;
        }
        int dots = 0;
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) == '.') {
                dots++;
            }
        }
        return dots >= 2 || (dots == 1 && (DOTTED.matcher(v).matches() || FILE_OR_HOST.matcher(v).find()));
    }

    private static void add(List<Finding> found, String kind, String rule, int s, int e, double score, String value) {
        for (Finding f : found) {
            if (s < f.end() && e > f.start()) {
                return;
            }
        }
        found.add(new Finding(SECRET, kind, "secret." + rule + "@1", s, e, score, Fingerprints.of(value)));
    }
}
