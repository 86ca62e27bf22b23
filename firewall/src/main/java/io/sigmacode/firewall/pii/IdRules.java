package io.sigmacode.firewall.pii;

import java.util.List;

/**
 * Identifier shapes of the supported countries, most specific first: an earlier rule claims a span before a later one.
 */
final class IdRules {

    private static final String NB = "(?<![A-Za-z0-9])";
    private static final String NE = "(?![A-Za-z0-9])";
    private static final String ND = "(?<![A-Za-z0-9.,-])";
    private static final String NDE = "(?![A-Za-z0-9]|[.,-]\\d)";

    private IdRules() {
    }

    /**
     * A first character that must not continue a word. The class test comes before the look-behind, so the rules that
     * run around short digit clusters (ordinary numbers in prose) reject most positions with one character test.
     */
    private static String first(String charClass) {
        return charClass + "(?<![A-Za-z0-9]" + charClass + ")";
    }

    static List<IdRule> all() {
        return List.of(
                IdRule.of("national_id", "it_codice_fiscale", NB + "[A-Za-z]{6}\\d{2}[A-EHLMPR-Ta-ehlmpr-t]\\d{2}"
                        + "[A-Za-z]\\d{3}[A-Za-z]" + NE,
                        Checksums::itFiscalCode, 0.95),
                IdRule.of("driver_license", "uk_driving_licence", NB + "[A-Z9]{5}\\d[0156]\\d[0-3]\\d{2}[A-Z9]{2}\\d"
                        + "[A-Z]{2}" + NE,
                        Checksums::ukDrivingLicence, 0.9),
                IdRule.of("national_id", "fr_nir", ND + "[12] ?\\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\\d) ?(?:\\d{2}|2[ABab]) "
                        + "?\\d{3} ?\\d{3} ?\\d{2}" + NDE,
                        Checksums::frNir, 0.9),
                IdRule.of("health_id", "us_mbi", first("[1-9]") + "[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\\d-?"
                        + "[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\\d-?[AC-HJKMNP-RT-Y]{2}\\d{2}" + NE,
                        s -> true, 0.85, 5),
                IdRule.of("national_id", "kr_rrn", ND
                        + "\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])-?[1-8]\\d{6}" + NDE,
                        Checksums::krRrn, 0.9),
                IdRule.of("national_id", "za_id", ND + "\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\d{4}"
                        + "[01]\\d{2}" + NDE,
                        Checksums::zaId, 0.85),
                IdRule.of("national_id", "th_tnin", ND + "[1-8]\\d{12}" + NDE, Checksums::thTnin, 0.8),
                IdRule.of("national_id", "in_aadhaar", ND + "[2-9]\\d{3}[ -]?\\d{4}[ -]?\\d{4}" + NDE,
                        Checksums::inAadhaar, 0.9),
                IdRule.of("national_id", "se_personnummer", ND + "(?:19|20)?\\d{2}(?:0[1-9]|1[0-2])\\d{2}[-+]?\\d{4}"
                        + NDE,
                        Checksums::sePersonnummer, 0.85),
                IdRule.of("national_id", "pl_pesel", ND + "\\d{2}[0-3]\\d[0-3]\\d{6}" + NDE, Checksums::plPesel, 0.8),
                IdRule.of("national_id", "tr_tckn", ND + "[1-9]\\d{10}" + NDE, Checksums::trTckn, 0.85),
                IdRule.of("tax_id", "de_steuer_id", ND + "[1-9]\\d(?: ?\\d{3}){3}" + NDE, Checksums::deTaxId, 0.8),
                IdRule.of("national_id", "fi_hetu", ND + "(?:0[1-9]|[12]\\d|3[01])(?:0[1-9]|1[0-2])\\d{2}"
                        + "[-+A-FU-Ya-fu-y]\\d{3}[0-9A-Ya-y]" + NE,
                        Checksums::fiHetu, 0.95),
                IdRule.of("national_id", "de_rvnr",
                        NB + "\\d{2} ?(?:0[1-9]|[12]\\d|3[01])(?:0[1-9]|1[0-2])\\d{2} ?[A-Za-z] ?\\d{3}" + NE,
                        Checksums::deRvnr, 0.9),
                IdRule.of("national_id", "us_ssn", ND + "(?!9)\\d{3}([- ])\\d{2}\\1\\d{4}" + NDE, Checksums::usSsn,
                        0.9),
                IdRule.of("tax_id", "us_itin", ND + "9\\d{2}[- ]?\\d{2}[- ]?\\d{4}" + NDE, Checksums::usItin, 0.85),
                IdRule.of("national_id", "ca_sin", ND + "\\d{3}([- ])\\d{3}\\1\\d{3}" + NDE, Checksums::caSin, 0.8),
                IdRule.of("tax_id", "au_tfn", ND + "\\d{3}([ ]?)\\d{3}\\1\\d{3}" + NDE, Checksums::auTfn, 0.7),
                IdRule.of("health_id", "uk_nhs", ND + "\\d{3}([ -]?)\\d{3}\\1\\d{4}" + NDE, Checksums::ukNhs, 0.75),
                IdRule.of("health_id", "au_medicare", ND + "[2-6]\\d{3} ?\\d{5} ?\\d(?:[-/ ]?\\d)?" + NDE,
                        Checksums::auMedicare, 0.7),
                IdRule.of("health_id", "us_npi", ND + "[12]\\d{3}([- ]?)\\d{3}\\1\\d{3}" + NDE, Checksums::usNpi, 0.6),
                IdRule.of("national_id", "uk_nino", first("[A-CEGHJ-PR-TW-Z]") + "[A-CEGHJ-NPR-TW-Z] ?\\d{2} ?\\d{2} "
                        + "?\\d{2} ?[A-D]" + NE,
                        Checksums::ukNino, 0.9, 6),
                IdRule.of("national_id", "es_dni", NB + "(?:\\d{7,8}|[XYZxyz]-?\\d{7})-?[A-Za-z]" + NE,
                        Checksums::esDni, 0.9),
                IdRule.of("national_id", "sg_nric", NB + "[STFGMstfgm]\\d{7}[A-Za-z]" + NE, Checksums::sgNric, 0.9),
                IdRule.of("national_id", "in_voter_epic", NB + "[A-Za-z]{3}\\d{7}" + NE,
                        s -> !Checksums.allSame(s.substring(3)), 0.6),
                IdRule.of("tax_id", "in_pan", first("[A-Z]") + "[A-Z]{2}[PCHFATBLJG][A-Z]\\d{4}[A-Z]" + NE, s -> true,
                        0.8, 4),
                IdRule.of("health_id", "de_kvnr", NB + "[A-Z]\\d{9}" + NE, Checksums::deKvnr, 0.75),
                IdRule.of("driver_license", "it_patente", first("U") + "1[A-Z0-9]{7}[A-Z]" + NE, Checksums::itPatente,
                        0.6, 4),
                IdRule.of("national_id", "de_document", first("[CFGHJKLMNPRTVWXYZ]") + "[CFGHJKLMNPRTVWXYZ0-9]{7}\\d"
                        + NE,
                        Checksums::deDocument, 0.7, 4));
    }
}
