package io.sigmacode.gateway.management;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.sigmacode.gateway.support.StorableText;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;

/**
 * Every string of every management request body is read through here (Spring Boot installs each {@link Module}
 * bean into the mapper its codecs use), so text PostgreSQL cannot store is refused with 400 before any command is
 * sent, whatever the endpoint.
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

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = StringDeserializer.instance.deserialize(parser, context);
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
