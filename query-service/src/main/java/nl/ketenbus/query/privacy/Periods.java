package nl.ketenbus.query.privacy;

import java.time.Instant;
import java.time.LocalDate;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;

/** A period of whole days as the privacy officer asks for it (both ends inclusive, the covenant's zone). */
final class Periods {

    private Periods() {
    }

    static Instant start(LocalDate from) {
        return from.atStartOfDay(Covenant.ZONE).toInstant();
    }

    static Instant end(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-period", "the period ends before it starts");
        }
        return to.plusDays(1).atStartOfDay(Covenant.ZONE).toInstant();
    }
}
