package nl.ketenbus.query.casework;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import nl.ketenbus.events.OrganisationCode;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * The placemat: since 2020 the partners keep one sheet with every organisation and its contact
 * point, so that whoever works on a match or a case finds the others fast. Shown wherever a match
 * or a case names an organisation. A deployment supplies its first sheet; every organisation of the
 * covenant must be on it, or the service does not start. The covenant administrator keeps it up to
 * date from then on ({@link PlacematStore}); this is one version of the sheet.
 */
public final class Placemat {

    /** One organisation's entry on the sheet. */
    public record Contact(String organisation, String name, String team, String contact, String phone) {
    }

    private final Map<OrganisationCode, Contact> contacts = new EnumMap<>(OrganisationCode.class);

    /** The sheet as a deployment supplies it, at {@code location}. */
    Placemat(String location) throws IOException {
        Resource resource = new DefaultResourceLoader().getResource(location);
        JsonNode sheet;
        try (InputStream in = resource.getInputStream()) {
            sheet = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        for (OrganisationCode organisation : OrganisationCode.values()) {
            JsonNode entry = sheet.get(organisation.code());
            if (entry == null) {
                throw new IllegalStateException("The placemat " + location + " lacks organisation " + organisation.code());
            }
            contacts.put(organisation, new Contact(organisation.code(), entry.path("name").asText(),
                    entry.path("team").asText(), entry.path("contact").asText(), entry.path("phone").asText()));
        }
    }

    /** This sheet with one organisation's entry replaced. */
    Placemat with(Contact changed) {
        Placemat next = new Placemat(contacts);
        next.contacts.put(OrganisationCode.byCode(changed.organisation()).orElseThrow(), changed);
        return next;
    }

    private Placemat(Map<OrganisationCode, Contact> contacts) {
        this.contacts.putAll(contacts);
    }

    public List<Contact> all() {
        return List.copyOf(contacts.values());
    }

    /** The contacts of these organisations (codes), in the order given. */
    List<Contact> contactsOf(List<String> codes) {
        List<Contact> found = new ArrayList<>();
        codes.forEach(code -> OrganisationCode.byCode(code).map(contacts::get).ifPresent(found::add));
        return found;
    }

    /** Organisation names as events carry them (POLITIE) to codes (politie). */
    static List<String> codes(JsonNode names) {
        List<String> codes = new ArrayList<>();
        names.forEach(name -> codes.add(OrganisationCode.valueOf(name.asText()).code()));
        return codes;
    }
}
