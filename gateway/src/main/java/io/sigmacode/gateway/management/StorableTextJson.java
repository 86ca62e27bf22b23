package io.sigmacode.gateway.management;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.sigmacode.gateway.support.StorableText;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;

/**
 * Every string of every management request body is read through here (Spring Boot installs each {@link Module}
 * bean into the mapper its codecs use), so text PostgreSQL cannot store is refused with 400 before any command is
 * sent, whatever the endpoint. Only JSON strings are read as strings: Jackson would otherwise turn {@code 1} or
 * {@code true} into a tenant's name.
 */
@Configuration(proxyBeanMethods = false)
class StorableTextJson {

    @Bean
    Module storableTextModule() {
        return new SimpleModule("storable-text")
                .addDeserializer(String.class, new Strings())
                .addKeyDeserializer(String.class, new Keys());
    }

    /** Carries a message of ours, so the problem's detail can quote it without any Java class name. */
    static final class UnstorableTextException extends JsonMappingException {
        UnstorableTextException(JsonParser parser) {
            super(parser, "text " + StorableText.REFUSAL);
        }
    }

    private static final class Strings extends StdScalarDeserializer<String> {

        Strings() {
            super(String.class);
        }

        /** Only a JSON string is a string here: a number or an object given for a name is a client's mistake. */
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String value = parser.getText();
            if (!StorableText.storable(value)) {
                throw new UnstorableTextException(parser);
            }
            return value;
        }
    }

    private static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (!StorableText.storable(key)) {
                throw new UnstorableTextException(context.getParser());
            }
            return key;
        }
    }
}
