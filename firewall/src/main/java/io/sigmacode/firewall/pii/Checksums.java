package io.sigmacode.firewall.pii;

import org.apache.commons.validator.routines.checkdigit.LuhnCheckDigit;
import org.apache.commons.validator.routines.checkdigit.VerhoeffCheckDigit;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Check-digit algorithms of national identifiers. Luhn and Verhoeff come from commons-validator; the rest have no
 * maintained Java implementation and follow the issuing authorities' published rules.
 */
final class Checksums {

    private Checksums() {
    }

    static String digits(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    static String alnumUpper(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = Character.toUpperCase(s.charAt(i));
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
                b.append(c);
            }
        }
        return b.toString();
    }

    static int d(String s, int i) {
        return s.charAt(i) - '0';
    }

    static boolean luhn(String digits) {
        return LuhnCheckDigit.LUHN_CHECK_DIGIT.isValid(digits);
    }

    static boolean verhoeff(String digits) {
        return VerhoeffCheckDigit.VERHOEFF_CHECK_DIGIT.isValid(digits);
    }

    static boolean allSame(String s) {
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) != s.charAt(0)) {
                return false;
            }
        }
        return true;
    }

    static boolean date(int year, int month, int day) {
        try {
            LocalDate.of(year, month, day);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** US SSN issuance rules: no area 000, 666 or 9xx, no group 00, no serial 0000. */
    static boolean usSsn(String s) {
        String n = digits(s);
        int area = Integer.parseInt(n.substring(0, 3));
        return n.length() == 9 && area != 0 && area != 666 && area < 900 && !n.startsWith("00", 3)
                && !n.endsWith("0000") && !allSame(n) && !n.equals("123456789");
    }

    /** US ITIN: area 9xx with the IRS group ranges. */
    static boolean usItin(String s) {
        String n = digits(s);
        int g = Integer.parseInt(n.substring(3, 5));
        return n.charAt(0) == '9' && ((g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || g >= 94);
    }

    static boolean caSin(String s) {
        String n = digits(s);
        return n.charAt(0) != '0' && n.charAt(0) != '8' && !allSame(n) && luhn(n);
    }

    static boolean ukNhs(String s) {
        String n = digits(s);
        if (n.length() != 10 || allSame(n)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += d(n, i) * (10 - i);
        }
        int check = 11 - sum % 11;
        check = check == 11 ? 0 : check;
        return check != 10 && check == d(n, 9);
    }

    static boolean ukNino(String s) {
        String n = alnumUpper(s);
        String p = n.substring(0, 2);
        return !(p.equals("BG") || p.equals("GB") || p.equals("NK") || p.equals("KN") || p.equals("TN")
                || p.equals("NT") || p.equals("ZZ"));
    }

    /** German Steuer-ID: ISO 7064 MOD 11,10 and exactly one digit repeated in the first ten. */
    static boolean deTaxId(String s) {
        String n = digits(s);
        if (n.length() != 11 || n.charAt(0) == '0') {
            return false;
        }
        int[] counts = new int[10];
        for (int i = 0; i < 10; i++) {
            counts[d(n, i)]++;
        }
        int repeated = 0;
        for (int c : counts) {
            if (c > 3) {
                return false;
            }
            if (c >= 2) {
                repeated++;
            }
        }
        if (repeated != 1) {
            return false;
        }
        int product = 10;
        for (int i = 0; i < 10; i++) {
            int sum = (d(n, i) + product) % 10;
            sum = sum == 0 ? 10 : sum;
            product = (sum * 2) % 11;
        }
        int check = 11 - product;
        return (check == 10 ? 0 : check) == d(n, 10);
    }

    /** French NIR: key = 97 - (number mod 97), Corsica's 2A/2B counted as 19/18. */
    static boolean frNir(String s) {
        String n = alnumUpper(s);
        if (n.length() != 15) {
            return false;
        }
        String body = n.substring(0, 13).replace("2A", "19").replace("2B", "18");
        for (int i = 0; i < body.length(); i++) {
            if (!Character.isDigit(body.charAt(i))) {
                return false;
            }
        }
        long v = Long.parseLong(body);
        return 97 - (v % 97) == Integer.parseInt(n.substring(13));
    }

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    static boolean esDni(String s) {
        String n = alnumUpper(s);
        if (n.length() == 8 && Character.isDigit(n.charAt(0))) {
            n = "0" + n;
        }
        if (n.length() != 9) {
            return false;
        }
        char first = n.charAt(0);
        String num = first == 'X' ? "0" + n.substring(1, 8) : first == 'Y' ? "1" + n.substring(1, 8)
                : first == 'Z' ? "2" + n.substring(1, 8) : n.substring(0, 8);
        if (!num.chars().allMatch(Character::isDigit)) {
            return false;
        }
        return DNI_LETTERS.charAt(Integer.parseInt(num) % 23) == n.charAt(8);
    }

    private static final int[] CF_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10,
            22, 25, 24, 23};

    static boolean itFiscalCode(String s) {
        String n = alnumUpper(s);
        if (n.length() != 16) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = n.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A';
            sum += (i % 2 == 0) ? CF_ODD[v] : v;
        }
        return (char) ('A' + sum % 26) == n.charAt(15);
    }

    static boolean inAadhaar(String s) {
        String n = digits(s);
        return n.length() == 12 && n.charAt(0) >= '2' && !allSame(n) && verhoeff(n);
    }

    static boolean plPesel(String s) {
        String n = digits(s);
        int[] w = {1, 3, 7, 9, 1, 3, 7, 9, 1, 3};
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += d(n, i) * w[i];
        }
        int month = Integer.parseInt(n.substring(2, 4)) % 20;
        return month >= 1 && month <= 12 && (10 - sum % 10) % 10 == d(n, 10);
    }

    private static final String HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    static boolean fiHetu(String s) {
        String n = s.toUpperCase(java.util.Locale.ROOT);
        int day = Integer.parseInt(n.substring(0, 2));
        int month = Integer.parseInt(n.substring(2, 4));
        if (day < 1 || day > 31 || month < 1 || month > 12) {
            return false;
        }
        long v = Long.parseLong(n.substring(0, 6) + n.substring(7, 10));
        return HETU_CHECK.charAt((int) (v % 31)) == n.charAt(10);
    }

    static boolean sePersonnummer(String s) {
        String n = digits(s);
        String ten = n.length() == 12 ? n.substring(2) : n;
        if (ten.length() != 10) {
            return false;
        }
        int month = Integer.parseInt(ten.substring(2, 4));
        int day = Integer.parseInt(ten.substring(4, 6));
        day = day > 60 ? day - 60 : day;
        return month >= 1 && month <= 12 && day >= 1 && day <= 31 && luhn(ten);
    }

    static boolean zaId(String s) {
        String n = digits(s);
        int month = Integer.parseInt(n.substring(2, 4));
        int day = Integer.parseInt(n.substring(4, 6));
        return month >= 1 && month <= 12 && day >= 1 && day <= 31 && luhn(n);
    }

    static boolean trTckn(String s) {
        String n = digits(s);
        if (n.length() != 11 || n.charAt(0) == '0') {
            return false;
        }
        int odd = d(n, 0) + d(n, 2) + d(n, 4) + d(n, 6) + d(n, 8);
        int even = d(n, 1) + d(n, 3) + d(n, 5) + d(n, 7);
        int d10 = ((odd * 7 - even) % 10 + 10) % 10;
        int total = 0;
        for (int i = 0; i < 10; i++) {
            total += d(n, i);
        }
        return d10 == d(n, 9) && total % 10 == d(n, 10);
    }

    static boolean thTnin(String s) {
        String n = digits(s);
        if (n.length() != 13 || n.charAt(0) == '0' || n.charAt(0) == '9') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += d(n, i) * (13 - i);
        }
        return (11 - sum % 11) % 10 == d(n, 12);
    }

    /**
     * Korean resident registration number. Numbers issued since October 2020 have no check digit, so the canonical
     * hyphenated form is accepted on its date and gender digit alone; an unhyphenated digit run must pass the old
     * checksum, because thirteen bare digits are too common otherwise.
     */
    static boolean krRrn(String s) {
        String n = digits(s);
        int month = Integer.parseInt(n.substring(2, 4));
        int day = Integer.parseInt(n.substring(4, 6));
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            return false;
        }
        if (s.indexOf('-') == 6) {
            return true;
        }
        int[] w = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += d(n, i) * w[i];
        }
        int base = d(n, 6) >= 5 ? 13 : 11;
        return (base - sum % 11) % 10 == d(n, 12);
    }

    static boolean sgNric(String s) {
        String n = s.toUpperCase(java.util.Locale.ROOT);
        int[] w = {2, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            sum += (n.charAt(i + 1) - '0') * w[i];
        }
        char p = n.charAt(0);
        if (p == 'T' || p == 'G') {
            sum += 4;
        } else if (p == 'M') {
            sum += 3;
        }
        String table = switch (p) {
            case 'S', 'T' -> "JZIHGFEDCBA";
            case 'F', 'G' -> "XWUTRQPNMLK";
            default -> "XWUTRQPNJLK";
        };
        int r = sum % 11;
        return table.charAt(p == 'M' ? 10 - r : r) == n.charAt(8);
    }

    static boolean auTfn(String s) {
        String n = digits(s);
        int[] w = {1, 4, 3, 7, 5, 8, 6, 9, 10};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += d(n, i) * w[i];
        }
        return !allSame(n) && sum % 11 == 0;
    }

    static boolean auMedicare(String s) {
        String n = digits(s);
        int[] w = {1, 3, 7, 9, 1, 3, 7, 9};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += d(n, i) * w[i];
        }
        return n.charAt(0) >= '2' && n.charAt(0) <= '6' && sum % 10 == d(n, 8);
    }

    static boolean usNpi(String s) {
        String n = digits(s);
        return (n.charAt(0) == '1' || n.charAt(0) == '2') && luhn("80840" + n);
    }

    /**
     * German pension insurance number: area, birth date (DDMMYY), surname initial, serial, check digit. The initial
     * counts as its two-digit alphabet position; weights 2,1,2,5,7,1,2,1,2,1,2,1 with digit sums, modulo 10.
     */
    static boolean deRvnr(String s) {
        String n = s.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
        if (!date(2000 + Integer.parseInt(n.substring(6, 8)), Integer.parseInt(n.substring(4, 6)),
                Integer.parseInt(n.substring(2, 4)))) {
            return false;
        }
        String body = n.substring(0, 8) + String.format("%02d", n.charAt(8) - 'A' + 1) + n.substring(9, 11);
        int[] w = {2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1};
        int sum = 0;
        for (int i = 0; i < w.length; i++) {
            int p = d(body, i) * w[i];
            sum += p / 10 + p % 10;
        }
        return sum % 10 == d(n, 11);
    }

    /** Italian licence (2013 format): no check digit, so letters and digits must both occur in the body. */
    static boolean itPatente(String s) {
        String body = s.substring(2, 9);
        return !allSame(body) && body.chars().anyMatch(Character::isDigit)
                && body.chars().anyMatch(Character::isLetter);
    }

    /** German statutory health insurance number: letter as two digits, weights 1,2 with digit sums. */
    static boolean deKvnr(String s) {
        String n = s.toUpperCase(java.util.Locale.ROOT);
        int letter = n.charAt(0) - 'A' + 1;
        String body = String.format("%02d", letter) + n.substring(1, 9);
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int p = d(body, i) * (i % 2 == 0 ? 1 : 2);
            sum += p > 9 ? p - 9 : p;
        }
        return sum % 10 == d(n, 9);
    }

    /** UK driving licence: five surname characters, then decade, month (+50 for women), day and year of birth. */
    static boolean ukDrivingLicence(String s) {
        String n = s.toUpperCase(java.util.Locale.ROOT);
        int month = Integer.parseInt(n.substring(6, 8));
        month = month > 50 ? month - 50 : month;
        int day = Integer.parseInt(n.substring(8, 10));
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    /** German ID card and passport serials: 7-3-1 weighted check digit over nine characters. */
    static boolean deDocument(String s) {
        String n = s.toUpperCase(java.util.Locale.ROOT);
        if (n.length() != 9 || !n.chars().anyMatch(Character::isDigit) || allSame(n.substring(1))) {
            return false;
        }
        int[] w = {7, 3, 1};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = n.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
            sum += v * w[i % 3];
        }
        return sum % 10 == d(n, 8);
    }
}
