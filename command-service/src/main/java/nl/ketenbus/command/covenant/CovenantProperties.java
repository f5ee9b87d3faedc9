package nl.ketenbus.command.covenant;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param location path of the covenant document (YAML); empty for the reference covenant
 */
@ConfigurationProperties("ketenbus.covenant")
record CovenantProperties(String location) {
}
