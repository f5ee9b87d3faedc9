package nl.ketenbus.devinfra.demo;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import nl.ketenbus.events.measure.AdministrativeMeasure;
import nl.ketenbus.events.measure.LegalArticle;
import nl.ketenbus.events.measure.MeasureImposed;
import nl.ketenbus.events.offence.PlaceKind;
import nl.ketenbus.events.om.ProsecutionDecided;
import nl.ketenbus.events.om.ProsecutionDecision;
import nl.ketenbus.events.zvh.ZvhTriageAnswered;
import nl.ketenbus.events.zvh.ZvhTriageOutcome;

/**
 * The case directors of the demo: the signal meeting accepts the backbone's proposals (OOV records
 * it), the case directors open a PGA case for those youths, bring partners to the table, record a
 * conference and a plan; the partners start interventions; the mayor imposes an area ban on some,
 * the OM settles some; some cases escalate to the ZVH (which answers), some are proposed to the RIEC,
 * some close; a few youths with a case form a group in the group approach.
 */
final class DemoCasework {

    static final List<String> DIRECTORS = List.of("casusregisseur-1", "casusregisseur-2");
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    /** Districts of the demo municipality, as CBS codes. */
    private static final List<String> AREAS = List.of("WK039400", "WK039401", "WK039402");

    private final DemoPlayer player;
    private final Random random;

    DemoCasework(DemoPlayer player, Random random) {
        this.player = player;
        this.random = random;
    }

    /** Takes up every proposed youth among {@code subjects}; returns those whose case was opened. */
    List<String> takeUp(List<String> subjects) throws InterruptedException {
        List<String> notYet = new ArrayList<>();
        List<String> opened = new ArrayList<>();
        for (String subject : subjects) {
            accept(subject);
            int status = open(subject);
            if (status == 201) {
                direct(subject);
                opened.add(subject);
            } else if (status == 409) {
                notYet.add(subject);
            }
        }
        // Facts sent over Kafka may still be on their way when a youth is first tried: try once more.
        Thread.sleep(Duration.ofSeconds(5).toMillis());
        for (String subject : notYet) {
            accept(subject);
            if (open(subject) == 201) {
                direct(subject);
                opened.add(subject);
            }
        }
        formGroup(opened);
        return opened;
    }

    /** The signal meeting accepts the proposal; a youth not proposed is refused (409) and left alone. */
    private void accept(String subject) {
        player.casework("POST", "/v1/subjects/" + subject + "/signal-meeting/decisions",
                "{\"meetingOn\":\"" + LocalDate.now(ZONE).minusDays(1)
                        + "\",\"decision\":\"PGA_PROPOSAL_ACCEPTED\"}",
                player.tokens().mint("gemeente", "oov-1", List.of("professional"), Duration.ofHours(1)));
    }

    /** Up to three youths with a case form a group of the first case director's, the police taking part. */
    private void formGroup(List<String> opened) {
        if (opened.size() < 2) {
            return;
        }
        String director = token(DIRECTORS.get(0));
        String group = "demo-group-1";
        player.casework("POST", "/v1/groups", "{\"groupId\":\"" + group + "\",\"participants\":[\"POLITIE\","
                + "\"JONGERENWERK\"]}", director);
        opened.stream().limit(3).forEach(subject -> player.casework("POST", "/v1/groups/" + group + "/members",
                "{\"subjectRef\":\"" + subject + "\"}", director));
        player.casework("PUT", "/v1/groups/" + group + "/step", "{\"step\":\"DECIDED\"}", director);
    }

    private int open(String subject) {
        return player.casework("POST", cases(subject), "{\"caseId\":\"" + caseId(subject) + "\"}",
                token(directorOf(subject)));
    }

    private void direct(String subject) {
        String director = token(directorOf(subject));
        String theCase = cases(subject) + "/" + caseId(subject);
        LocalDate today = LocalDate.now(ZONE);
        player.casework("POST", theCase + "/participants", "{\"organisation\":\"JEUGDHULP\"}", director);
        player.casework("POST", theCase + "/participants", "{\"organisation\":\"JONGERENWERK\"}", director);
        if (random.nextBoolean()) {
            player.casework("POST", theCase + "/participants", "{\"organisation\":\"POLITIE\"}", director);
        }
        player.casework("POST", theCase + "/conferences", """
                {"heldOn":"%s","participants":["GEMEENTE","POLITIE","JEUGDHULP"],"decisions":["AGREE_ACTION_PLAN"]}"""
                .formatted(today), director);
        boolean ban = random.nextDouble() < 0.3;
        player.casework("PUT", theCase + "/action-plan", """
                {"measures":[{"pillar":"CARE","intervention":"FORENSIC_COACH"},
                             {"pillar":"EDUCATION","intervention":"LEISURE_SPORT"}%s]}"""
                .formatted(ban ? ",{\"pillar\":\"ADMINISTRATIVE\",\"intervention\":\"AREA_BAN\"}" : ""), director);
        player.casework("POST", theCase + "/interventions", """
                {"type":"%s","plannedEnd":"%s"}""".formatted(random.nextBoolean() ? "FORENSIC_COACH" : "YOUTH_CARE",
                today.plusMonths(3 + random.nextInt(7))), professional("jeugdhulp"));
        player.casework("POST", theCase + "/interventions", "{\"type\":\"LEISURE_SPORT\"}", professional("jongerenwerk"));
        if (ban) {
            player.casework("POST", theCase + "/interventions", """
                    {"type":"AREA_BAN","plannedEnd":"%s"}""".formatted(today.plusMonths(3)), director);
            // The mayor's decision itself: which measure, under which article, where and until when.
            player.publishNow(subject, "gemeente", new MeasureImposed(subject, "ban-" + caseId(subject),
                    AdministrativeMeasure.AREA_BAN, LegalArticle.APV_2_78, PlaceKind.TOWN_CENTRE,
                    AREAS.get(random.nextInt(AREAS.size())), today, today.plusMonths(3), caseId(subject)));
        }
        if (random.nextDouble() < 0.2) {
            player.publishNow(subject, "om", new ProsecutionDecided(subject, "om-" + caseId(subject), null,
                    ProsecutionDecision.SETTLED, today.minusDays(random.nextInt(30))));
        }
        player.casework("PUT", theCase + "/perspective-plan", """
                {"areas":{"EDUCATION":{"status":"IN_PROGRESS"},"LEISURE":{"status":"ON_TRACK"},
                          "SUPPORT_NETWORK":{"status":"AT_RISK"}}}""", director);
        double draw = random.nextDouble();
        if (draw < 0.25) {
            player.casework("POST", theCase + "/zvh-escalation", """
                    {"reason":"COMPLEX_CARE_AND_SAFETY_PROBLEMS","goal":"JOINT_PLAN_OF_APPROACH",
                     "partnersToInvite":["POLITIE","JEUGDHULP"]}""", director);
            player.publishNow(subject, "zvh", new ZvhTriageAnswered(subject, caseId(subject),
                    ZvhTriageOutcome.CONFERENCE_PLANNED, LocalDate.now(ZONE).plusDays(14), null));
        } else if (draw < 0.35) {
            player.casework("POST", theCase + "/riec-referral", "{\"reason\":\"CRIMINAL_EARNINGS\"}", director);
        }
        if (random.nextDouble() < 0.35) {
            String outcome = random.nextBoolean() ? "GOALS_ACHIEVED" : "TRANSFERRED_TO_REGULAR_CARE";
            player.casework("POST", theCase + "/closure", "{\"outcome\":\"" + outcome + "\"}", director);
        }
    }

    /** Each youth's case has one of the demo's case directors, always the same one. */
    private static String directorOf(String subject) {
        return DIRECTORS.get(Math.abs(subject.hashCode()) % DIRECTORS.size());
    }

    private String token(String director) {
        return player.tokens().mint("gemeente", director, List.of("casusregisseur"), Duration.ofHours(1));
    }

    private String professional(String organisation) {
        return player.tokens().mint(organisation, organisation + "-user", List.of("professional"), Duration.ofHours(1));
    }

    private static String cases(String subject) {
        return "/v1/subjects/" + subject + "/cases";
    }

    private static String caseId(String subject) {
        return "pga-" + subject.substring(Math.max(0, subject.length() - 12));
    }
}
