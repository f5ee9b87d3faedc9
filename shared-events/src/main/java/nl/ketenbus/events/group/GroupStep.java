package nl.ketenbus.events.group;

/**
 * The seven steps of the group approach (zevenstappenmodel) a criminal youth group goes through, in
 * order; the group's state is the step it reached.
 */
public enum GroupStep {
    /** 1. The group is signalled. */
    SIGNALLED,
    /** 2. The group is analysed (the group scan: who belongs to it, what it does). */
    ANALYSED,
    /** 3. The driehoek decided to approach the group. */
    DECIDED,
    /** 4. The plan of approach for the group is agreed. */
    PLANNED,
    /** 5. The approach is carried out. */
    IN_EXECUTION,
    /** 6. The approach is evaluated. */
    EVALUATED,
    /** 7. The approach is scaled down and handed over to the regular approach. */
    SCALED_DOWN
}
