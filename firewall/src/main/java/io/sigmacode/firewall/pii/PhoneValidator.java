package io.sigmacode.firewall.pii;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Phone numbers through libphonenumber. International numbers are checked against their own country; national
 * numbers against a list of common regions, and only in the national form that region dials (with its trunk
 * prefix where it has one), so an arbitrary ten-digit number is not a phone number of some country by accident.
 */
final class PhoneValidator {

    private static final List<String> REGIONS = List.of(
            "US", "GB", "DE", "FR", "IT", "ES", "NL", "IN", "TR", "PH", "CN", "AU", "BR", "MX", "JP", "KR", "PL", "SE",
                    "CH", "AT",
            "BE", "IE", "PT", "ZA", "SG", "TH", "CA", "NG", "RU");


    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

    /**
     * A local number written in digit groups (e.g. {@code 329 7730}, {@code 71-33-52-22}): without a country it cannot
     * be validated, so the caller accepts it only next to a word that says it is a phone number.
     */
    static boolean isGroupedLocalNumber(String candidate) {
        String digits = Checksums.digits(candidate);
        if (digits.length() < 7 || digits.length() > 12 || Checksums.allSame(digits)) {
            return false;
        }
        int groups = 1;
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c == ' ' || c == '-' || c == '.') {
                groups++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return groups >= 2;
    }

    /**
     * Phone numbers are not written with a single trailing digit ({@code 2123 25870 1}); account and card numbers are.
     */
    static boolean endsInSingleDigitGroup(String candidate) {
        int n = candidate.length();
        return n >= 2 && !Character.isDigit(candidate.charAt(n - 2));
    }

    /** Turkish mobiles are customarily written without their trunk 0, in the 3-3-2-2 grouping. */
    private static final Pattern TR_MOBILE_GROUPS = Pattern.compile("5\\d{2}([ .-])\\d{3}\\1\\d{2}\\1\\d{2}");

    /**
     * Numbers that are written without a trunk prefix: NANP ten-digit numbers, Italian mobiles, Chinese mobiles,
     * Turkish mobiles in their usual grouping.
     */
    private static boolean writtenWithoutTrunk(String region, String digits, String candidate) {
        return switch (region) {
            case "TR" -> TR_MOBILE_GROUPS.matcher(candidate).matches();
            case "US", "CA" -> digits.length() == 10 || (digits.length() == 11 && digits.charAt(0) == '1');
            case "IT" -> digits.charAt(0) == '3' && digits.length() == 10;
            case "CN" -> digits.charAt(0) == '1' && digits.length() == 11;
            default -> false;
        };
    }

    boolean isValid(String candidate) {
        String digits = Checksums.digits(candidate);
        if (digits.length() < 7 || digits.length() > 15 || Checksums.allSame(digits)) {
            return false;
        }
        try {
            if (candidate.startsWith("+")) {
                return util.isValidNumber(util.parse(candidate, "ZZ"));
            }
            if (digits.length() < 10 || digits.length() > 12) {
                return false;
            }
            for (String region : REGIONS) {
                String prefix = util.getNddPrefixForRegion(region, true);
                boolean dialledNationally = prefix != null && !prefix.isEmpty() && digits.startsWith(prefix);
                if (!dialledNationally && !writtenWithoutTrunk(region, digits, candidate)) {
                    continue;
                }
                Phonenumber.PhoneNumber n = util.parse(candidate, region);
                if (util.isValidNumberForRegion(n, region)) {
                    return true;
                }
            }
        } catch (NumberParseException e) {
            return false;
        }
        return false;
    }
}
