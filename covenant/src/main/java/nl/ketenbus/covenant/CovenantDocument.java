package nl.ketenbus.covenant;

import java.time.LocalDate;
import java.util.List;

/**
 * The covenant exactly as written in its YAML file, before any check: names are still strings so
 * that every mistake can be reported with its place in the document.
 */
record CovenantDocument(String id, Integer version, String title, LocalDate validFrom, LocalDate validTo,
                        List<Party> parties, List<Purpose> purposes, List<Retention> retention,
                        ClosedCaseReading closedCaseReading, List<Publishing> publishing, List<Rule> rules) {

    record Party(String organisation, String sectorLaw) {
    }

    record Purpose(String id, String processingActivity, String description) {
    }

    record Retention(String category, String period, String reason) {
    }

    /** How long a closed case stays readable by its director in person, to finish reporting. */
    record ClosedCaseReading(String period, String reason) {
    }

    record Publishing(String organisation, List<String> categories, List<String> types, String purpose,
                      String legalBasis) {
    }

    record Rule(String id, String reason, List<String> from, List<String> categories, List<String> types,
                Recipient to, String purpose, String legalBasis, List<String> show, Boolean needToKnow,
                Boolean whileOnAgenda, Boolean caseDirectorOnly, Boolean aggregateOnly, String onlyIfNamedIn) {
    }

    record Recipient(String organisation, String role) {
    }
}
