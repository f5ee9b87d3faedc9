package nl.ketenbus.command.intake;

import java.util.List;

import nl.ketenbus.events.OrganisationCode;
import org.springframework.stereotype.Component;

/**
 * Publishing permissions from configuration ({@code ketenbus.intake.publishers}), until the
 * covenant engine answers the same question from the covenant document.
 */
@Component
class ConfiguredPublishingPermissions implements PublishingPermissions {

    private final IntakeProperties properties;

    ConfiguredPublishingPermissions(IntakeProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean mayPublish(OrganisationCode organisation, String type) {
        List<String> allowed = properties.publishers().getOrDefault(organisation.code(), List.of());
        return allowed.stream().anyMatch(pattern -> matches(pattern, type));
    }

    private static boolean matches(String pattern, String typeName) {
        return pattern.endsWith("*")
                ? typeName.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(typeName);
    }
}
