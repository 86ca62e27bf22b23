package io.sigmacode.gateway.management;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.sigmacode.gateway.management.StorableTextJson.UnstorableTextException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebInputException;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Says what in a request could not be read, in words of the API: Jackson's and Spring's own messages name Java
 * types and the decoder's classes, which tell a client nothing and tell an attacker what runs inside.
 */
final class InputErrors {

    /** A qualified Java type name such as {@code java.lang.Long} or {@code io.sigmacode.x.Y$Z}. */
    private static final Pattern CLASS_NAME = Pattern.compile("(?:[A-Za-z_$][\\w$]*\\.){2,}[A-Za-z_$][\\w$]*");

    private InputErrors() {
    }

    static String detail(ServerWebInputException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnstorableTextException text) {
                return path(text) + text.getOriginalMessage();
            }
            if (t instanceof MismatchedInputException mismatch) {
                return path(mismatch) + "expected " + expected(mismatch.getTargetType());
            }
            if (t instanceof JsonMappingException mapping) {
                return path(mapping) + "invalid value";
            }
            if (t instanceof JsonProcessingException parsing) {
                return "malformed JSON" + at(parsing.getLocation());
            }
            if (t instanceof TypeMismatchException mismatch && mismatch.getPropertyName() != null) {
                return "parameter " + mismatch.getPropertyName() + " has an invalid value";
            }
        }
        if (e instanceof MissingRequestValueException missing) {
            return missing.getLabel() + " " + missing.getName() + " is required";
        }
        MethodParameter parameter = e.getMethodParameter();
        if (parameter != null && !parameter.hasParameterAnnotation(RequestBody.class)) {
            return "parameter " + parameter.getParameterName() + " has an invalid value";
        }
        return "The request body is missing or could not be read.";
    }

    /** The detail itself, or {@code fallback} when it would name a Java type. */
    static String safe(String detail, String fallback) {
        return detail == null || CLASS_NAME.matcher(detail).find() ? fallback : detail;
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a valid value";
        }
        if (CharSequence.class.isAssignableFrom(type) || type == char.class || type == Character.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number in range";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : String.format(Locale.ROOT, " at line %d, column %d", location.getLineNr(), location.getColumnNr());
    }
}
