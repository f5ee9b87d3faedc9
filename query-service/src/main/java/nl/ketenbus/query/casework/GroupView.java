package nl.ketenbus.query.casework;

import static nl.ketenbus.events.EventCatalogue.GROUP_JOINED;
import static nl.ketenbus.events.EventCatalogue.GROUP_LEFT;
import static nl.ketenbus.events.EventCatalogue.GROUP_STEP_REACHED;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.query.access.CaseworkReads.SubjectEntries;
import nl.ketenbus.query.access.Youth;
import nl.ketenbus.query.audience.AudienceEntries.Entry;
import nl.ketenbus.query.projection.FoldByType;

/**
 * One group of the group approach as a reader taking part in it sees it: its director, the step of
 * the seven-step model it reached, the organisations taking part, its members and those who left
 * (each member's case is linked to the group on the case itself). Folded from the members' facts;
 * the group's own state is the newest fact's.
 */
public record GroupView(String groupId, String purpose, String director, String step,
                        List<String> participants, List<Member> members, List<Member> formerMembers) {

    /** A member, by pseudonym (and by name where a rule gives the reader the youth's identity). */
    public record Member(String subjectRef, Youth youth, Instant joinedAt, Instant leftAt) {
    }

    private static final FoldByType<Reading, Entry> READS = FoldByType.<Reading, Entry>named("group view")
            .on(GROUP_JOINED, Reading::joined)
            // The group's step and those taking part are the newest fact's, across the members.
            .passOver(GROUP_STEP_REACHED)
            .on(GROUP_LEFT, (reading, entry) -> reading.leftAt = entry.recordedAt())
            .passOver(DataCategory.IDENTITY, DataCategory.SIGNAL, DataCategory.RISK_AND_PROTECTION,
                    DataCategory.OFFENCE, DataCategory.PARTNER_FACT, DataCategory.ASSESSMENT, DataCategory.CASE,
                    DataCategory.INTERVENTION, DataCategory.PERSPECTIVE, DataCategory.FORGETTING)
            .build();

    /** The group from its members' entries (oldest first per member), or empty when the reader sees none. */
    static Optional<GroupView> of(String groupId, String purpose, List<SubjectEntries> members) {
        if (members.isEmpty()) {
            return Optional.empty();
        }
        List<Member> current = new ArrayList<>();
        List<Member> former = new ArrayList<>();
        for (SubjectEntries member : members) {
            Reading reading = new Reading();
            member.entries().forEach(entry -> READS.apply(reading, entry.type(), entry));
            Member read = new Member(member.subjectRef(), member.youth(), reading.joinedAt, reading.leftAt);
            (reading.leftAt == null ? current : former).add(read);
        }
        current.sort(Comparator.comparing(Member::joinedAt, Comparator.nullsLast(Comparator.naturalOrder())));
        // Retention may have removed a member's older facts: then the newest fact of any kind.
        JsonNode state = newest(members, "step").or(() -> newest(members, "groupId")).map(Entry::data)
                .orElseThrow();
        String director = newest(members, "directorUserId").map(entry -> text(entry.data(), "directorUserId"))
                .orElse(null);
        return Optional.of(new GroupView(groupId, purpose, director, text(state, "step"), codes(state),
                List.copyOf(current), List.copyOf(former)));
    }

    /** The newest of the members' entries that carries this field (a left member's fact has no step). */
    private static Optional<Entry> newest(List<SubjectEntries> members, String field) {
        return members.stream().flatMap(member -> member.entries().stream())
                .filter(entry -> entry.data().has(field))
                .max(Comparator.comparing(Entry::recordedAt));
    }

    private static List<String> codes(JsonNode data) {
        return data.has("participants") ? Placemat.codes(data.get("participants")) : List.of();
    }

    private static String text(JsonNode data, String field) {
        return data.hasNonNull(field) ? data.get(field).asText() : null;
    }

    /** What the view reads of one member's entries, oldest first. */
    private static final class Reading {
        private Instant joinedAt;
        private Instant leftAt;

        void joined(Entry entry) {
            joinedAt = entry.recordedAt();
            leftAt = null;
        }
    }
}
