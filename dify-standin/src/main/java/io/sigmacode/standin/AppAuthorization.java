package io.sigmacode.standin;

import java.util.Map;
import java.util.Optional;

/** Dify's validate_and_get_api_token: split on the first whitespace, case-insensitive scheme, known app key. */
final class AppAuthorization {

    record Result(AppMode mode, DifyError error) {
    }

    private AppAuthorization() {
    }

    static Result check(Optional<String> header, Map<String, AppMode> appKeys) {
        if (header.isEmpty()) {
            return new Result(null, DifyError.MISSING_AUTHORIZATION);
        }
        String value = header.get().strip();
        int space = indexOfWhitespace(value);
        if (space < 0) {
            return new Result(null, DifyError.MISSING_AUTHORIZATION);
        }
        if (!value.substring(0, space).equalsIgnoreCase("bearer")) {
            return new Result(null, DifyError.WRONG_SCHEME);
        }
        AppMode mode = appKeys.get(value.substring(space + 1).strip());
        return mode == null ? new Result(null, DifyError.INVALID_TOKEN) : new Result(mode, null);
    }

    private static int indexOfWhitespace(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isWhitespace(value.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
