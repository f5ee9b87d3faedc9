package nl.ketenbus.command.casework.domain;

import static nl.ketenbus.events.OrganisationCode.GEMEENTE;
import static nl.ketenbus.events.OrganisationCode.HALT;
import static nl.ketenbus.events.OrganisationCode.JEUGDHULP;
import static nl.ketenbus.events.OrganisationCode.JEUGDRECLASSERING;
import static nl.ketenbus.events.OrganisationCode.JONGERENWERK;
import static nl.ketenbus.events.OrganisationCode.LEERPLICHT;
import static nl.ketenbus.events.OrganisationCode.OM;
import static nl.ketenbus.events.OrganisationCode.ONDERWIJS;

import java.util.EnumSet;
import java.util.Set;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.casework.ActionPlanPillar;
import nl.ketenbus.events.intervention.InterventionType;

/**
 * Who may record which intervention, and which pillar of the action plan each belongs to. The
 * justice interventions belong to their own organisation alone; the mayor's administrative measures
 * to the gemeente; care, education and leisure to the partners who provide them, and to the
 * gemeente, whose case director records what the case table agreed.
 */
final class InterventionRules {

    private InterventionRules() {
    }

    static Set<OrganisationCode> recordedBy(InterventionType type) {
        return switch (type) {
            case CRIMINAL_PROSECUTION -> EnumSet.of(OM);
            case HALT_SETTLEMENT -> EnumSet.of(HALT);
            case YOUTH_PROBATION -> EnumSet.of(JEUGDRECLASSERING);
            case AREA_BAN, PENALTY_ORDER_DEALING, PREMISES_CLOSURE -> EnumSet.of(GEMEENTE);
            case FORENSIC_COACH, YOUTH_CARE -> EnumSet.of(JEUGDHULP, GEMEENTE);
            case EDUCATION_DAY_ACTIVITY -> EnumSet.of(ONDERWIJS, LEERPLICHT, GEMEENTE);
            case TALENT_DEVELOPMENT, LEISURE_SPORT, LEISURE_MUSIC, LEISURE_CULTURE ->
                    EnumSet.of(JONGERENWERK, JEUGDHULP, GEMEENTE);
        };
    }

    static boolean belongsTo(InterventionType type, ActionPlanPillar pillar) {
        return switch (pillar) {
            case ADMINISTRATIVE -> type.administrative();
            case SANCTION -> sanction(type);
            case CARE, EDUCATION -> !type.administrative() && !sanction(type);
        };
    }

    private static boolean sanction(InterventionType type) {
        return type == InterventionType.CRIMINAL_PROSECUTION || type == InterventionType.HALT_SETTLEMENT
                || type == InterventionType.YOUTH_PROBATION;
    }
}
