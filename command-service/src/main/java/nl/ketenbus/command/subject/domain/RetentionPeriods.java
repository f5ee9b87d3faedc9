package nl.ketenbus.command.subject.domain;

import java.time.Period;
import java.util.Optional;

import nl.ketenbus.events.DataCategory;

/** How long the covenant in force keeps facts of a category; empty when it names no period. */
public interface RetentionPeriods {

    Optional<Period> of(DataCategory category);
}
