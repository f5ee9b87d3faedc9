package nl.ketenbus.command.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Contract records are (de)serialized with a mapper of their own, independent of Spring's
 * {@code spring.jackson.*} settings for the HTTP API: a change there must never change what is
 * stored or published. Dates are ISO 8601 strings, as the JSON Schemas say.
 */
public final class ContractJson {

    private ContractJson() {
    }

    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
