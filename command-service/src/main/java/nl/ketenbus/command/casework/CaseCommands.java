package nl.ketenbus.command.casework;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import nl.ketenbus.command.casework.domain.CaseCommand;
import nl.ketenbus.command.casework.domain.CaseRefusal;
import nl.ketenbus.command.casework.domain.DirectCase;
import nl.ketenbus.command.covenant.PublishingPermissions;
import nl.ketenbus.command.identity.ProcessingRestrictions;
import nl.ketenbus.command.identity.SubjectPseudonyms;
import nl.ketenbus.command.provenance.Provenance;
import nl.ketenbus.command.provenance.Traces;
import nl.ketenbus.command.security.Caller;
import nl.ketenbus.command.subject.SubjectLoads;
import nl.ketenbus.command.subject.domain.DecideOnAgenda;
import nl.ketenbus.command.transaction.TransactionalUnits;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.security.Refused;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sending a case command. Who may give it is decided before it arrives (endpoint-access.tsv: the
 * case director, role casusregisseur of the gemeente, directs the case; a professional or case
 * director records interventions); the case decides whether the organisation takes part, and the
 * covenant must let the organisation publish what results.
 * Each request's events carry one provenance: the caller's organisation, a request id, the time,
 * the caller as an actor pseudonym and the request's trace.
 */
@Component
class CaseCommands {

    private static final Pattern IDENTIFIER = Pattern.compile("^[A-Za-z0-9._:-]{1,100}$");

    private final CommandGateway commands;
    private final PublishingPermissions permissions;
    private final TransactionTemplate transaction;
    private final SubjectPseudonyms pseudonyms;
    private final Traces traces;
    private final Clock clock;
    private final TransactionManager unitTransactions;
    private final SubjectLoads loads;
    private final ProcessingRestrictions restrictions;

    CaseCommands(CommandGateway commands, PublishingPermissions permissions, TransactionTemplate transaction,
                 SubjectPseudonyms pseudonyms, Traces traces, Clock clock, TransactionManager unitTransactions,
                 SubjectLoads loads, ProcessingRestrictions restrictions) {
        this.commands = commands;
        this.restrictions = restrictions;
        this.unitTransactions = unitTransactions;
        this.loads = loads;
        this.pseudonyms = pseudonyms;
        this.traces = traces;
        this.permissions = permissions;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A command of the case director's. */
    void direct(Caller caller, String subjectRef, CaseCommand command) {
        direct(caller, subjectRef, () -> command);
    }

    /**
     * As above, the command made inside the transaction that decides it: a command that seals a note makes
     * the youth's data key there, so a refusal (an erased youth, a pseudonym nobody registered, another
     * director's case) rolls the key back with it instead of leaving a live key for the pseudonym (ADR 0015).
     */
    void direct(Caller caller, String subjectRef, Supplier<CaseCommand> making) {
        OrganisationCode organisation = organisationOf(caller);
        requireSubjectRef(subjectRef);
        transaction.executeWithoutResult(status -> {
            requirePublishing(organisation, EventCatalogue.CASE_OPENED);
            restrictions.refuseRestricted(subjectRef);
            sendAs(organisation, caller, new DirectCase(subjectRef, organisation, caller.id(), making.get()));
        });
    }

    /** The signal meeting's decision about a youth on its agenda, recorded by the gemeente that chairs it. */
    void decideOnAgenda(Caller caller, DecideOnAgenda command) {
        OrganisationCode organisation = organisationOf(caller);
        send(organisation, caller, command.subjectRef(), command, EventCatalogue.SIGNAL_MEETING_DECIDED);
    }

    /**
     * A command on an intervention, by a partner that takes part in the case. A youth nobody registered
     * answers as one whose case the partner has no part in ({@link CaseRefusal#takesNoPart}).
     */
    void intervene(Caller caller, String subjectRef, CaseCommand command) {
        OrganisationCode organisation = organisationOf(caller);
        requireSubjectRef(subjectRef);
        try {
            // The restriction is asked here but refused by the youth, after it knows the partner takes part:
            // refused first, it would tell a partner with no part in the case that the youth objected.
            transaction.executeWithoutResult(status -> {
                requirePublishing(organisation, EventCatalogue.INTERVENTION_STARTED);
                sendAs(organisation, caller, new DirectCase(subjectRef, organisation, caller.id(), command,
                        restrictions.restricted(subjectRef)));
            });
        } catch (AggregateNotFoundException unknown) {
            throw CaseRefusal.takesNoPart();
        }
    }

    /**
     * The permission is asked and the command handled in one transaction, so a covenant switch
     * falls wholly before or after it (ADR 0017); nothing is recorded about a youth whose processing is
     * restricted (ADR 0025).
     */
    private void send(OrganisationCode organisation, Caller caller, String subjectRef, Object command,
                      EventType resulting) {
        requireSubjectRef(subjectRef);
        transaction.executeWithoutResult(status -> {
            requirePublishing(organisation, resulting);
            restrictions.refuseRestricted(subjectRef);
            sendAs(organisation, caller, command);
        });
    }

    /**
     * Sends one command with the caller's provenance and waits; inside the caller's transaction when
     * there is one (a youth joining or leaving a group, with the group's row).
     */
    void sendAs(OrganisationCode organisation, Caller caller, Object command) {
        Provenance provenance = new Provenance("casework-" + UUID.randomUUID(), organisation.source(),
                clock.instant().atOffset(ZoneOffset.UTC), pseudonyms.actorOf(caller.id()), traces.current());
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.asMetaData()));
    }

    /**
     * Sends a command per youth inside the caller's transaction, their events written together once the last
     * is decided. The youths are locked first, all at once in the one global order (as an intake group locks
     * them, ADR 0010), and the events are staged in one unit of work: sent one by one, each command's events
     * took their positions in the store at once and held them, uncommitted, while the later youths were
     * locked and loaded; to the publisher such a position is a gap, and a gap it has passed by
     * {@code GapTracking.MAX_GAP_OFFSET} positions is given up, with its event (ADR 0021 item 26).
     */
    void sendAllAs(OrganisationCode organisation, Caller caller, List<String> subjectRefs,
                   Function<String, Object> commandFor) {
        loads.lockAndReadAhead(subjectRefs);
        TransactionalUnits.run(unitTransactions,
                () -> subjectRefs.forEach(subjectRef -> sendAs(organisation, caller, commandFor.apply(subjectRef))));
    }

    /** Refuses (409) a command about a youth whose processing is restricted (ADR 0025). */
    void refuseRestricted(String subjectRef) {
        restrictions.refuseRestricted(subjectRef);
    }

    /** Those of these youths whose processing is not restricted, in their order. */
    List<String> unrestricted(List<String> subjectRefs) {
        Set<String> restricted = restrictions.among(subjectRefs);
        return subjectRefs.stream().filter(subjectRef -> !restricted.contains(subjectRef)).toList();
    }

    /** Refuses unless the covenant in force lets the organisation publish facts of this type. */
    void requirePublishing(OrganisationCode organisation, EventType resulting) {
        if (!permissions.mayPublish(organisation, resulting.name())) {
            throw new Refused(HttpStatus.FORBIDDEN, "not-allowed-by-covenant", null, "the covenant in force "
                    + "does not let " + organisation.code() + " publish " + resulting.category() + " facts");
        }
    }

    static OrganisationCode organisationOf(Caller caller) {
        return caller.organisation().orElseThrow(() -> new Refused(HttpStatus.FORBIDDEN,
                "unknown-organisation", null, "the token names no organisation of the covenant"));
    }

    static void requireSubjectRef(String subjectRef) {
        if (!SubjectReference.isValid(subjectRef)) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "subjectRef",
                    "subjectRef is 8 to 80 letters, digits, '-' or '_'");
        }
    }

    /** Opaque identifiers (case, intervention, group, user): never personal data, so a tight alphabet. */
    static String identifier(String value, String field) {
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", field,
                    field + " is 1 to 100 letters, digits, '.', '_', ':' or '-'");
        }
        return value;
    }

    /**
     * An identifier the caller chooses for a new case, intervention or group: as {@link #identifier}, and with a
     * letter in it: a number alone, also written with dots or dashes, is what a BSN (or a partner's registration
     * number) typed into the wrong box looks like, and it would travel in clear in the events, on the topic and in
     * every later address. Identifiers chosen before this rule are still accepted where they name what exists.
     */
    static String newIdentifier(String value, String field) {
        String identifier = identifier(value, field);
        if (identifier.chars().noneMatch(Character::isLetter)) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", field,
                    field + " has a letter in it (a number alone may be a BSN typed into the wrong box): "
                            + "add letters, or leave it out and the backbone makes one");
        }
        return identifier;
    }

    static <T> T required(T value, String field) {
        if (value == null || (value instanceof List<?> list && list.isEmpty())) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", field, field + " is required");
        }
        return value;
    }
}
