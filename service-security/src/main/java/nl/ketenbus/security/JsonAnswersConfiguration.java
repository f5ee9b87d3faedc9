package nl.ketenbus.security;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * JSON answers end with a line break, as text on a terminal should: {@code curl} output in a
 * walkthrough otherwise runs into the next prompt. Boot uses this converter instead of its own.
 */
@Configuration(proxyBeanMethods = false)
class JsonAnswersConfiguration {

    @Bean
    MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(ObjectMapper json) {
        return new MappingJackson2HttpMessageConverter(json) {
            @Override
            protected void writeSuffix(JsonGenerator generator, Object object) throws IOException {
                super.writeSuffix(generator, object);
                generator.writeRaw('\n');
            }
        };
    }
}
