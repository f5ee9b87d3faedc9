package nl.ketenbus.system;

import static nl.ketenbus.system.Backbone.accepted;
import static nl.ketenbus.system.Backbone.call;
import static nl.ketenbus.system.Backbone.envelope;
import static nl.ketenbus.system.Backbone.signalRaised;
import static nl.ketenbus.system.Backbone.today;
import static nl.ketenbus.system.Backbone.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.NpmTools;
import nl.ketenbus.devinfra.ServiceProcess;
import nl.ketenbus.devinfra.idp.DevIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * The pages in a real headless Chromium, with both services and the pages as their own processes and
 * the dev identity provider: people sign in, read the same youth with the right difference, see
 * their access in the access log, give case commands with the keyboard (a refused one shows its
 * reason at its form), and the analyst's half-yearly report holds the seeded counts, also in its
 * PDF. Every page is checked with axe-core (WCAG 2.0/2.1 A and AA): no violation.
 */
class PagesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String DIRECTOR = user("gemeente", "casusregisseur-1", "casusregisseur");
    private static final String POLICE = user("politie", "politie-user", "professional");
    private static final String CASE_ID = "pga-pages";

    private static ServiceProcess command;
    private static ServiceProcess query;
    private static ServiceProcess web;
    private static DevIdentityProvider identityProvider;
    private static Browser browser;
    private static String youth;
    /** Accessibility violations per page, checked by each test for the pages it opened. */
    private final Map<String, List<String>> violations = new LinkedHashMap<>();

    @BeforeAll
    static void startTheBackboneAndThePages() throws Exception {
        Backbone backbone = new Backbone();
        command = backbone.startCommandService();
        query = backbone.startQueryService();
        int webPort = ServiceProcess.freePort();
        identityProvider = DevIdentityProvider.start(0, DevTokens.forTests(), Duration.ofHours(1),
                "http://localhost:" + webPort + "/");
        web = Backbone.startWeb(webPort, identityProvider.issuer(), command, query);
        browser = new Browser(web.baseUri());
        youth = aYouthWithACase();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (web != null) {
            web.close();
        }
        if (identityProvider != null) {
            identityProvider.close();
        }
        if (query != null) {
            query.close();
        }
        if (command != null) {
            command.close();
        }
    }

    /** Two partners signal, the youth is proposed, the case director opens the case with the police in it. */
    private static String aYouthWithACase() throws Exception {
        return aYouthWithACase(DIRECTOR, CASE_ID);
    }

    private static String aYouthWithACase(String director, String caseId) throws Exception {
        String subject = Backbone.identifyNewYouth(command);
        accepted(command, signalRaised(subject, "politie", "2026-02-02T16:00:00+01:00", "BEZIT", "MULTIPLE_PHONES"));
        accepted(command, signalRaised(subject, "jongerenwerk", "2026-02-20T21:00:00+01:00", "LOCATIE",
                "FOUND_FAR_OUTSIDE_OWN_AREA"));
        String agenda = "/v1/signal-meeting/agenda?since=" + today().minusDays(1);
        await().atMost(PATIENCE).until(() -> call(query, "GET", agenda, null, POLICE).body(),
                body -> body != null && body.get("proposals") != null && body.get("proposals").toString()
                        .contains(subject));
        String cases = "/v1/subjects/" + subject + "/cases";
        assertThat(call(command, "POST", cases, "{\"caseId\":\"" + caseId + "\"}", director).status()).isEqualTo(201);
        assertThat(call(command, "POST", cases + "/" + caseId + "/participants", "{\"organisation\":\"POLITIE\"}",
                director).status()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> call(query, "GET", "/v1/subjects/" + subject + "/case", null, director)
                .status() == 200);
        return subject;
    }

    @Test
    void theCaseDirectorAndThePoliceReadTheSameYouthDifferentlyAndThePrivacyOfficerSeesIt() throws Exception {
        browser.signIn("casusregisseur-1");
        check("start-casusregisseur");
        assertThat(browser.sessionCookie().isSecure()).as("sent over HTTPS only (and to localhost)").isTrue();
        assertThat(browser.sessionCookie().isHttpOnly()).isTrue();
        browser.open("/jongeren");
        browser.one("#familyName").sendKeys("testpersoon");
        browser.execute("document.getElementById('dateOfBirth').value = '2010-05-01'");
        browser.one("#dateOfBirth").submit();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("Gevonden"));
        check("jongere-gevonden");
        browser.one("a[href='/jongeren/" + youth + "']").click();
        check("tijdlijn-casusregisseur");
        String director = browser.text();
        assertThat(director).contains("Testpersoon").contains("Pseudoniem: " + youth);
        assertThat(browser.all("article[data-type='nl.ketenbus.signal.raised.v1']")).hasSize(2);
        assertThat(director).contains("(Jongerenwerk, Signalen)");
        assertThat(director).as("the facts' fields and codes in Dutch").contains("Waargenomen op")
                .contains("meerdere telefoons").contains("Casusnummer")
                .doesNotContain("MULTIPLE_PHONES").doesNotContain("observedOn");
        browser.open("/jongeren/" + youth + "?partner=jongerenwerk");
        assertThat(browser.all("article h3")).isNotEmpty().allSatisfy(heading -> assertThat(heading.getText())
                .contains("(Jongerenwerk,"));
        browser.open("/jongeren/" + youth + "?category=CASE&from=" + today().minusDays(1));
        assertThat(browser.all("article h3")).isNotEmpty().allSatisfy(heading -> assertThat(heading.getText())
                .contains(", Casus)"));
        browser.open("/jongeren/" + youth + "?to=" + Backbone.recent(LocalDate.of(2026, 2, 10)));
        assertThat(browser.all("article h3")).isNotEmpty().allSatisfy(heading -> assertThat(heading.getText())
                .doesNotContain(Backbone.recent(LocalDate.of(2026, 2, 20)).toString()));

        browser.signIn("politie-user");
        browser.open("/jongeren/" + youth + "?purpose=pga-casusregie");
        check("tijdlijn-politie");
        String police = browser.text();
        assertThat(police).contains("Pseudoniem: " + youth);
        assertThat(police).doesNotContain("(Jongerenwerk, Signalen)").doesNotContain("ciphertext");
        assertThat(browser.all("article[data-type='nl.ketenbus.case.opened.v1']")).hasSize(1);
        assertThat(browser.all("article").size()).isLessThan(countEntries(director));

        // Another organisation's privacy officer oversees the access log; the youths' requests are the gemeente's.
        browser.signIn("politie-privacy-officer");
        browser.open("/privacy");
        assertThat(browser.one("nav[aria-label='Toezicht']").getText()).contains("Toegangslog zoeken")
                .doesNotContain("Verzoeken van jongeren").doesNotContain("Ontvangers informeren");
        assertThat(browser.text()).contains("handelt de privacyfunctionaris van de gemeente af");
        assertThat(browser.one("#eigen-organisatie").getText()).contains("medewerkers van uw eigen organisatie");
        // It oversees its own people (ADR 0034): the police's read of the youth, not the gemeente's.
        browser.open("/privacy/toegang?subjectRef=" + youth);
        check("privacy-toegang-politie");
        assertThat(browser.all("#toegang tbody tr")).isNotEmpty().allSatisfy(row -> assertThat(row.getText())
                .doesNotContain("casusregisseur-1"));
        assertThat(browser.all("#toegang tbody tr")).anySatisfy(row -> assertThat(row.getText())
                .contains("politie-user").contains("timeline.read"));
        // It finds a youth its people read, and says of an unknown one only that its organisation never dealt with it.
        for (String familyName : List.of("testpersoon", "onbekend")) {
            browser.open("/privacy/jongere");
            browser.one("#familyName").sendKeys(familyName);
            browser.execute("document.getElementById('dateOfBirth').value = '2010-05-01'");
            browser.one("#dateOfBirth").submit();
            await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("Gevonden"));
            if (familyName.equals("testpersoon")) {
                assertThat(browser.all("[data-subject='" + youth + "']")).hasSize(1);
            } else {
                check("privacy-jongere-politie");
                assertThat(browser.text()).contains("Geen jongere met deze gegevens van wie uw organisatie gegevens "
                        + "zag of vastlegde").doesNotContain("Ketenbus houdt niets");
            }
        }
        browser.open("/privacy/beperking");
        assertThat(browser.text()).contains("U ziet de beperkingen van jongeren van wie uw organisatie gegevens zag");
        browser.open("/privacy/jongeren/" + youth + "/inzage");
        check("privacy-geen-toegang");
        assertThat(browser.one("h1").getText()).isEqualTo("Geen toegang");
        assertThat(browser.text()).contains("voorbehouden aan de privacyfunctionarissen van de gemeente")
                .doesNotContain("Wat de ketenbus zelf heeft beoordeeld");
        assertThat(browser.all("a[href='/privacy']")).isNotEmpty();

        browser.signIn("privacy-officer-1");
        browser.open("/privacy");
        check("privacy-start");
        // A BSN typed in the access log's pseudonym box: posted, refused, never repeated nor asked for.
        browser.one("#subjectRef").sendKeys("123456782", Keys.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("Dit is geen pseudoniem"));
        assertThat(browser.url()).doesNotContain("123456782");
        assertThat(browser.text()).doesNotContain("123456782");
        // An e-mail address typed as the user: likewise.
        browser.one("#userId").sendKeys("jan.jansen@example.nl", Keys.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("Dit is geen gebruikerskenmerk"));
        assertThat(browser.url() + browser.text()).doesNotContain("jansen@");
        browser.open("/privacy/toegang?subjectRef=" + youth);
        check("privacy-toegang");
        assertThat(browser.all("#toegang tbody tr")).anySatisfy(row -> assertThat(row.getText())
                .contains("politie-user").contains("timeline.read").contains("Casusregie persoonsgerichte aanpak")
                .contains("Tijdlijn gelezen").contains("toegestaan"));
        assertThat(browser.all("#toegang tbody tr")).anySatisfy(row -> assertThat(row.getText())
                .contains("casusregisseur-1").contains("timeline.read"));
        for (String page : List.of("afwijkingen", "doorbraak", "keten", "convenant", "jongeren/" + youth + "/inzage")) {
            browser.open("/privacy/" + page);
            check("privacy-" + (page.startsWith("jongeren/") ? "inzage" : page));
        }
        assertThat(browser.text()).contains("Inzageoverzicht").contains("Politie").contains("Grondslag")
                .contains("Signaaloverleg (vroegsignalering)").contains("5 jaar").doesNotContain("P5Y");
        assertThat(browser.one("#beoordeling").getText()).contains("Wat de ketenbus zelf heeft beoordeeld")
                .contains("12 tot en met 21 jaar").contains("Signalen samengekomen")
                .contains("van Politie, Jongerenwerk")
                .contains("Criminele aanwas (leeftijd 16, antecedenten 0, risico-indicatoren 2)");
        // The copy of the youth's data, the case director's note opened and marked for reading (art. 15(3)/(4)).
        assertThat(call(command, "PUT", "/v1/subjects/" + youth + "/cases/" + CASE_ID + "/perspective-plan",
                "{\"areas\":{\"LEISURE\":{\"status\":\"AT_RISK\",\"note\":\"Traint niet meer bij de club\"}}}",
                DIRECTOR).status()).isEqualTo(200);
        await().atMost(PATIENCE).until(() -> call(query, "GET", "/v1/audit/subjects/" + youth + "/data-copy", null,
                user("gemeente", "privacy-officer-1", "privacy-officer")).body().toString().contains("Traint niet"));
        browser.one("a[href='/privacy/jongeren/" + youth + "/afschrift']").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.url().endsWith("/afschrift"));
        check("privacy-afschrift");
        assertThat(browser.text()).contains("Afschrift van de gegevens").contains("Testpersoon")
                .contains("Niet opgenomen: BSN").contains("Achternaam").doesNotContain("ciphertext")
                .contains("meerdere telefoons").contains("Zorgelijk").doesNotContain("AT_RISK");
        assertThat(browser.one(".ketenbus-free-text").getText()).contains("Leefgebieden / Vrije tijd / Notitie")
                .contains("vrije tekst: nalezen").contains("Traint niet meer bij de club");
        assertThat(browser.all("article[data-type='nl.ketenbus.signal.raised.v1']")).hasSize(2);
        browser.open("/privacy/convenant");
        browser.one("main table a").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.url().contains("/privacy/convenant/"));
        assertThat(browser.text()).contains("Convenantwijziging").contains("Status").contains("Geen impactrapport")
                .contains("In gebruik genomen").doesNotContain("SWITCHED");
        check("privacy-convenantwijziging");

        // The case director reads the perspective plan's areas and their standing in Dutch.
        browser.signIn("casusregisseur-1");
        await().atMost(PATIENCE).until(() -> {
            browser.open("/jongeren/" + youth + "/casus");
            return browser.text().contains("Perspectiefplan");
        });
        assertThat(browser.text()).contains("Vrije tijd: Zorgelijk").doesNotContain("LEISURE")
                .doesNotContain("AT_RISK");
        assertNoViolations();
    }

    private static int countEntries(String pageText) {
        return pageText.split("Gedeeld onder regel").length - 1;
    }

    @Test
    void aSubjectRequestFindsTheYouthByBsnAndItsErasureTakesTwoPrivacyOfficers() throws Exception {
        String bsn = Backbone.randomBsn();
        String erased = Backbone.identify(command, bsn);
        accepted(command, signalRaised(erased, "politie", "2026-02-02T16:00:00+01:00", "BEZIT", "MULTIPLE_PHONES"));
        browser.signIn("privacy-officer-1");
        browser.open("/privacy/verwijdering");
        check("privacy-verwijdering");
        // A BSN typed where the pseudonym belongs: posted, refused, never repeated nor sent on.
        browser.one("#subjectRef").sendKeys(bsn);
        browser.one("#ground-OBJECTION_UPHELD").click();
        browser.one("form[action='/privacy/verwijdering'] button[type='submit']").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("Dit is geen pseudoniem"));
        assertThat(browser.url()).doesNotContain(bsn);
        assertThat(browser.text()).doesNotContain(bsn);

        // The youth found by the BSN a data subject brings: a number that fails the check is refused unrepeated.
        browser.open("/privacy/jongere");
        check("privacy-jongere");
        browser.one("#bsn").sendKeys("123456789");
        browser.one("form[action='/privacy/jongere/bsn'] button").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("Niet gezocht"));
        assertThat(browser.text()).contains("elfproef").doesNotContain("123456789")
                .as("nothing was searched, so nothing is said about what is held").doesNotContain("houdt niets");
        browser.one("#bsn").sendKeys(bsn);
        browser.one("form[action='/privacy/jongere/bsn'] button").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains(erased));
        check("privacy-jongere-gevonden");
        assertThat(browser.url()).doesNotContain(bsn);
        assertThat(browser.text()).doesNotContain(bsn);
        browser.one("section[data-subject='" + erased + "'] a[href*='/privacy/verwijdering']").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.url().contains("/privacy/verwijdering"));
        assertThat(browser.one("#subjectRef").getAttribute("value")).isEqualTo(erased);
        browser.one("#ground-OBJECTION_UPHELD").click();
        browser.one("form[action='/privacy/verwijdering'] button[type='submit']").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("Aanvraag vastgelegd"));
        check("privacy-verwijdering-aangevraagd");
        String section = "section[data-subject='" + erased + "']";
        assertThat(browser.one(section).getText()).contains("Dit is uw eigen aanvraag")
                .contains("Bezwaar gegrond verklaard");
        assertThat(browser.all(section + " button")).extracting(button -> button.getText())
                .containsExactly("Aanvraag intrekken");
        assertThat(Backbone.publish(command, signalRaised(erased, "politie", "2026-03-02T16:00:00+01:00", "BEZIT",
                "MULTIPLE_PHONES")).statusCode()).as("nothing is erased on one officer's word").isEqualTo(202);

        browser.signIn("privacy-officer-2");
        // A second officer who asks anew, from the youth's request, erases nothing: the open request is named.
        browser.open("/privacy/verwijdering?subjectRef=" + erased);
        browser.one("#ground-OBJECTION_UPHELD").click();
        browser.one("main > form[action='/privacy/verwijdering'] button[type='submit']").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text()
                .contains("staat al een aanvraag van een andere privacyfunctionaris open"));
        assertThat(browser.all(section)).hasSize(1);
        browser.open("/privacy/verwijdering");
        assertThat(browser.one(section).getText()).contains("aangevraagd door privacy-officer-1");
        browser.one(section + " form[action='/privacy/verwijdering'] button").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("verwijderd op"));
        check("privacy-verwijdering-bevestigd");
        assertThat(browser.all("[role='status'] a[href='/privacy/mededelingen']")).as("to tell the recipients")
                .hasSize(1);
        assertThat(browser.all(section)).isEmpty();
        assertThat(Backbone.publish(command, signalRaised(erased, "politie", "2026-03-03T16:00:00+01:00", "BEZIT",
                "MULTIPLE_PHONES")).body()).contains("subject-erased");
        // The number typed in the pages is in no service's log: the pages', the query service's, the command service's.
        try (var logs = Files.list(Path.of("target", "service-logs"))) {
            List<Path> files = logs.toList();
            assertThat(files).anySatisfy(file -> assertThat(file.getFileName().toString()).startsWith("web-"));
            for (Path file : files) {
                assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
                        .as(file.toString()).doesNotContain(bsn);
            }
        }
        assertNoViolations();
    }

    @Test
    void aPrivacyOfficerRestrictsAYouthsProcessingAndTheCaseDirectorSeesWhyItsTimelineIsClosed() throws Exception {
        String restricted = aYouthWithACase(DIRECTOR, "pga-beperkt");
        browser.signIn("casusregisseur-1");
        browser.open("/jongeren/" + restricted);
        await().atMost(PATIENCE).until(() -> {
            browser.open("/jongeren/" + restricted);
            return browser.text().contains("Testpersoon");
        });
        String caseLink = "a[href='/jongeren/" + restricted + "/casus']";
        browser.open("/werklijst");
        assertThat(browser.all(caseLink)).isNotEmpty();

        browser.signIn("privacy-officer-1");
        browser.open("/privacy/beperking?subjectRef=" + restricted);
        check("privacy-beperking");
        assertThat(browser.one("#subjectRef").getAttribute("value")).isEqualTo(restricted);
        browser.one("#ground-ACCURACY_CONTESTED").click();
        browser.one("form[action='/privacy/beperking'] button[type='submit']").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("is beperkt sinds"));
        check("privacy-beperking-vastgelegd");
        String section = "section[data-subject='" + restricted + "']";
        assertThat(browser.one(section).getText()).contains("betwist de juistheid").contains("privacy-officer-1");

        // The police, shown the youth on the signal meeting's agenda, is to be told (AVG art. 19): the
        // restriction's confirmation links to the page that says so.
        browser.one("[role='status'] a[href='/privacy/mededelingen']").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("Ontvangers informeren (AVG"));
        String notice = "section[data-subject='" + restricted + "']";
        assertThat(browser.one(notice).getText()).contains("Beperking van de verwerking").contains("Politie")
                .doesNotContain("Gemeente");
        check("privacy-mededelingen");
        browser.execute("document.querySelector(\"" + notice + " input[name='informedOn']\").value = '" + today()
                + "'");
        browser.one(notice + " form").submit();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("Vastgelegd"));
        assertThat(browser.all(notice)).as("every recipient told").isEmpty();

        // The case director sees why the youth's timeline is closed, and nothing of the youth.
        browser.signIn("casusregisseur-1");
        browser.open("/jongeren/" + restricted);
        assertThat(browser.text()).contains("De verwerking van de gegevens van deze jongere is beperkt")
                .doesNotContain("Testpersoon");
        check("jongere-beperkt");
        browser.open("/werklijst");
        assertThat(browser.all(caseLink)).isEmpty();

        // Lifted once the youth was told: a day to come is refused by the service, today is taken.
        browser.signIn("privacy-officer-1");
        browser.open("/privacy/beperking");
        browser.execute("document.querySelector(\"" + section + " input[name='subjectInformedOn']\").value = '"
                + today().plusDays(3) + "'");
        browser.one(section + " form").submit();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("Niet uitgevoerd"));
        assertThat(browser.text()).contains("Het formulier is niet volledig of niet juist ingevuld")
                .as("which of the restrictions it was").contains("Niet uitgevoerd voor jongere "
                        + restricted.substring(0, 15) + "…");
        browser.execute("document.querySelector(\"" + section + " input[name='subjectInformedOn']\").value = '"
                + today() + "'");
        browser.one(section + " form").submit();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("is opgeheven"));
        assertThat(browser.all(section)).isEmpty();
        browser.signIn("casusregisseur-1");
        browser.open("/jongeren/" + restricted);
        assertThat(browser.text()).contains("Testpersoon").doesNotContain("is beperkt");
        assertNoViolations();
    }

    @Test
    void theCaseCommandsWorkWithTheKeyboardAndARefusalShowsItsReasonAtItsForm() throws Exception {
        browser.signIn("casusregisseur-1");
        browser.open("/werklijst");
        check("werklijst");
        browser.open("/signaaloverleg");
        check("signaaloverleg");
        assertThat(browser.text()).contains("Testpersoon").doesNotContain("null");
        // The signal meeting takes over the proposal: the decision is recorded, the youth leaves the agenda.
        browser.one("form[action='/signaaloverleg/" + youth + "/besluit'] button").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("Besluit vastgelegd"));
        await().atMost(PATIENCE).until(() -> {
            browser.open("/signaaloverleg");
            return browser.all("form[action='/signaaloverleg/" + youth + "/besluit']").isEmpty();
        });
        browser.open("/jongeren");
        check("jongere-zoeken");
        // A BSN typed where the pseudonym belongs goes nowhere: not in the address, not to the backbone.
        browser.one("#subjectRef").sendKeys("123456782", Keys.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("Dit is geen pseudoniem"));
        check("jongere-geen-pseudoniem");
        assertThat(browser.url()).doesNotContain("123456782");
        assertThat(browser.text()).doesNotContain("123456782");
        browser.one("#subjectRef").sendKeys(youth, Keys.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.url().endsWith("/jongeren/" + youth));
        // Nor does one typed where the case number belongs, which would go into the query service's address.
        browser.open("/jongeren");
        browser.one("#caseId").sendKeys("123 456 782", Keys.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("Dit lijkt een BSN"));
        assertThat(browser.url()).doesNotContain("123");
        assertThat(browser.text()).doesNotContain("123 456 782");
        browser.open("/jongeren");
        browser.one("#caseId").sendKeys(CASE_ID, Keys.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.url().endsWith("/jongeren/" + youth + "/casus"));
        check("casus");
        assertThat(browser.text()).contains(CASE_ID).contains("Politie");

        // Keyboard only: Tab to the form's field, choose with the arrow keys, Enter on the button.
        browser.tabTo("mode");
        browser.press(Keys.ARROW_DOWN);
        browser.tabTo("regie-submit");
        browser.press(Keys.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.all("#regie .ketenbus-ok").size() == 1);
        assertThat(browser.one("#regie").getText()).contains("Vastgelegd");

        // The gemeente may not record Halt's settlement: refused by the case's rules.
        browser.tabTo("type");
        browser.press("HALT");
        assertThat(browser.one("#type").getAttribute("value")).isEqualTo("HALT_SETTLEMENT");
        browser.tabTo("intervention-submit");
        browser.press(Keys.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.all("#weigering-intervention").size() == 1);
        assertThat(browser.one("#weigering-intervention").getText()).contains("Niet uitgevoerd")
                .contains("intervention-not-for-organisation").contains("Er is niets vastgelegd");
        check("casus-weigering");
        assertThat(call(query, "GET", "/v1/subjects/" + youth + "/case", null, DIRECTOR).body()
                .get("interventions")).isEmpty();
        await().atMost(PATIENCE).until(() -> "PROCESREGIE".equals(call(query, "GET", "/v1/subjects/" + youth + "/case",
                null, DIRECTOR).body().path("regie").asText()));

        // An escalation to the ZVH with youth care invited, shown on the case once projected.
        browser.one("#invite-jeugdhulp").click();
        browser.one("#zvh button[type='submit']").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.all("#zvh .ketenbus-ok").size() == 1);
        await().atMost(PATIENCE).until(() -> {
            browser.open("/jongeren/" + youth + "/casus");
            return browser.text().contains("ZVH: De lokale aanpak is niet genoeg; doel: Een gezamenlijk plan van aanpak");
        });
        check("casus-zvh");
        assertThat(browser.text()).contains("Procesregie").doesNotContain("PROCESREGIE");

        // The action plan: recorded through the form, shown in Dutch, and the form starts from it, so adding a
        // measure keeps the others.
        new Select(browser.one("#pillar-1")).selectByValue("CARE");
        new Select(browser.one("#measure-1")).selectByValue("YOUTH_CARE");
        browser.one("#action-plan button[type='submit']").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.all("#action-plan .ketenbus-ok").size() == 1);
        await().atMost(PATIENCE).until(() -> {
            browser.open("/jongeren/" + youth + "/casus");
            return !browser.all("#plan-maatregelen li").isEmpty();
        });
        assertThat(browser.one("#plan-maatregelen").getText()).isEqualTo("Zorg: Jeugdhulp");
        assertThat(browser.one("#pillar-1").getAttribute("value")).isEqualTo("CARE");
        assertThat(browser.one("#measure-1").getAttribute("value")).isEqualTo("YOUTH_CARE");
        assertThat(browser.one("#pillar-2").getAttribute("value")).isEmpty();
        check("casus-plan-van-aanpak");

        browser.one("form[action='/afmelden'] button").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.url().endsWith("/afgemeld"));
        check("afgemeld");
        browser.open("/werklijst");
        assertThat(browser.url()).startsWith(identityProvider.issuer() + "/authorize");
        assertNoViolations();
    }

    @Test
    void theCovenantAdministratorKeepsThePlacematTheCaseShowsItAndTheAccessLogHasTheChange() {
        browser.signIn("covenant-administrator-1");
        browser.open("/placemat");
        check("placemat");
        browser.open("/placemat/politie");
        check("placemat-wijzigen");
        browser.one("#team").clear();
        browser.one("#team").sendKeys("Jeugd en Veiligheid");
        browser.one("#phone").clear();
        browser.one("#phone").sendKeys("0900-1234567");
        browser.one("#placemat-submit").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.url().endsWith("/placemat"));
        assertThat(browser.one("#placemat").getText()).contains("Jeugd en Veiligheid").contains("0900-1234567");

        browser.open("/placemat/politie");
        browser.one("#phone").clear();
        browser.one("#phone").sendKeys("bel ons");
        browser.one("#placemat-submit").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.all(".ketenbus-refusal").size() == 1);
        assertThat(browser.text()).contains("Niet gewijzigd");
        assertThat(browser.one("#phone").getAttribute("value")).as("what was typed, to mend").isEqualTo("bel ons");
        assertThat(browser.one("#team").getAttribute("value")).isEqualTo("Jeugd en Veiligheid");
        check("placemat-weigering");
        browser.open("/placemat");
        assertThat(browser.one("#placemat").getText()).contains("0900-1234567").doesNotContain("bel ons");

        browser.signIn("casusregisseur-1");
        browser.open("/jongeren/" + youth + "/casus");
        assertThat(browser.text()).contains("Jeugd en Veiligheid").contains("0900-1234567");

        browser.signIn("privacy-officer-1");
        browser.open("/privacy/toegang?userId=covenant-administrator-1");
        assertThat(browser.all("#toegang tbody tr")).anySatisfy(row -> assertThat(row.getText())
                .contains("placemat.change").contains("Beheer van het convenant"));
        assertNoViolations();

        // The check can fail: an image without a text alternative is a violation.
        browser.execute("document.querySelector('main').appendChild(document.createElement('img'))");
        assertThat(browser.accessibilityViolations()).anySatisfy(found -> assertThat(found).startsWith("image-alt"));
    }

    @Test
    void aYouthsRequestIsRegisteredWithItsTermExtendedOnceAndAnswered() throws Exception {
        String youth = Backbone.identifyNewYouth(command);
        browser.signIn("privacy-officer-1");
        // A BSN in the pseudonym's box: refused, neither repeated nor sent on.
        browser.open("/privacy/verzoeken");
        browser.one("#subjectRef").sendKeys("123456782");
        browser.one("form[action='/privacy/verzoeken'] button").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("Dit is geen pseudoniem"));
        assertThat(browser.text()).doesNotContain("123456782");
        assertThat(browser.url()).doesNotContain("123456782");

        // An access request that came in 40 days ago is past its month; an erasure request of today is not.
        String row = "tr:has(a[title='" + youth + "'])";
        browser.open("/privacy/verzoeken?subjectRef=" + youth);
        browser.execute("document.querySelector('#receivedOn').value = '" + today().minusDays(40) + "'");
        browser.one("form[action='/privacy/verzoeken'] button").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("Het verzoek is vastgelegd"));
        browser.open("/privacy/verzoeken?subjectRef=" + youth);
        browser.execute("document.querySelector('#kind').value = 'ERASURE'");
        browser.one("form[action='/privacy/verzoeken'] button").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.all(row).size() == 2);
        assertThat(browser.all(row).get(0).getText()).contains("Inzage (art. 15)").contains("te laat")
                .contains(today().minusDays(40).plusMonths(1).toString());
        assertThat(browser.all(row).get(1).getText()).contains("Verwijdering (art. 17)").doesNotContain("te laat");
        assertThat(browser.all(row + " form[action$='/verlenging']")).as("not for a term that ran out").hasSize(1);
        browser.one(row + " form[action$='/verlenging'] button").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("met twee maanden verlengd"));
        assertThat(browser.all(row).get(1).getText()).contains("(verlengd)")
                .contains(today().plusMonths(3).toString());
        check("privacy-verzoeken");

        // An answer before the request came in is refused, and the refusal says which request it was.
        browser.execute("document.querySelector(\"" + row + " input[name='answeredOn']\").value = '"
                + today().minusDays(41) + "'");
        browser.one(row + " form[action$='/beantwoord']").submit();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("Niet vastgelegd"));
        assertThat(browser.text()).contains("Niet vastgelegd voor het verzoek (Inzage (art. 15)) van jongere "
                + youth.substring(0, 15) + "…");
        check("privacy-verzoeken-geweigerd");

        // The late one answered today leaves the list.
        browser.execute("document.querySelector(\"" + row + " input[name='answeredOn']\").value = '" + today()
                + "'");
        browser.one(row + " form[action$='/beantwoord'] button").click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.text().contains("Het antwoord is vastgelegd"));
        assertThat(browser.all(row)).hasSize(1);
        assertThat(browser.one(row).getText()).contains("Verwijdering (art. 17)");
        assertNoViolations();
    }

    @Test
    void aYouthWithManyFactsShowsTheNewest200AndSaysSoAndAnyPeriodOfThem() throws Exception {
        String director = user("gemeente", "casusregisseur-2", "casusregisseur");
        String subject = aYouthWithACase(director, "pga-many");
        // Written as of March 2026 and moved by signalRaised (Backbone.recent): the last on 30 March.
        LocalDate first = Backbone.WRITTEN_AS_OF.minusDays(205);
        StringBuilder batch = new StringBuilder("[");
        for (int day = 0; day < 205; day++) {
            batch.append(day == 0 ? "" : ",").append(signalRaised(subject, "politie", first.plusDays(day)
                    + "T09:00:00+01:00", "GEDRAG", "QUICK_TO_ANGER_AVOIDS_HELP"));
        }
        Backbone.Answer published = call(command, "POST", "/v1/events", batch.append(']').toString(),
                DevTokens.forTests().publisher("politie"), "application/cloudevents-batch+json");
        assertThat(published.status()).as(String.valueOf(published.body())).isEqualTo(200);
        assertThat(published.body().get("accepted").asInt()).isEqualTo(205);
        await().atMost(PATIENCE).until(() -> call(query, "GET", "/v1/subjects/" + subject
                + "/timeline?purpose=pga-casusregie&size=1", null, director).body().path("totalEntries").asInt() > 205);

        browser.signIn("casusregisseur-2");
        browser.open("/jongeren/" + subject);
        assertThat(browser.text()).containsPattern("De nieuwste 200 van 2\\d\\d feiten");
        assertThat(browser.all("article")).hasSize(200);
        // Newest first: the case's facts of today, then the last of the 205 signals.
        assertThat(browser.text()).contains(Backbone.recent(first.plusDays(204)) + ": Signaal afgegeven");
        assertThat(browser.text()).doesNotContain(Backbone.recent(first) + ": Signaal afgegeven");

        // A period the service applies: the first two days' signals, far older than the newest 200.
        LocalDate firstDay = Backbone.recent(first);
        browser.open("/jongeren/" + subject + "?from=" + firstDay + "&to=" + firstDay.plusDays(1));
        assertThat(browser.all("article")).hasSize(2);
        assertThat(browser.text()).contains(firstDay + ": Signaal afgegeven")
                .contains(firstDay.plusDays(1) + ": Signaal afgegeven").doesNotContain("De nieuwste 200");
        check("tijdlijn-periode");
        browser.open("/jongeren/" + subject + "?from=" + firstDay.plusDays(1) + "&to=" + firstDay);
        assertThat(browser.text()).contains("De einddatum ligt vóór de begindatum");
        assertThat(browser.all("article")).isEmpty();
        check("tijdlijn-periode-omgekeerd");
        browser.open("/jongeren/" + subject + "?from=" + firstDay.minusDays(10) + "&to=" + firstDay.minusDays(9));
        assertThat(browser.text()).contains("Geen feiten in deze periode die het convenant u voor dit doel geeft");
        assertNoViolations();
    }

    @Test
    void theHalfYearlyReportHoldsTheSeededCountsOnThePageAndInItsPdf() throws Exception {
        LocalDate day = today().minusDays(1);
        String half = day.getYear() + "-" + (day.getMonthValue() <= 6 ? 1 : 2);
        for (int i = 0; i < 6; i++) {
            offence(Backbone.identifyNewYouth(command), "HANDEL", day);
        }
        for (int i = 0; i < 2; i++) {
            offence(Backbone.identifyNewYouth(command), "BEZIT", day);
        }
        // Written as of the day the helper moves to yesterday.
        accepted(command, signalRaised(Backbone.identifyNewYouth(command), "politie",
                Backbone.WRITTEN_AS_OF + "T16:00:00+01:00", "GEDRAG", "LYING_OR_EXCUSES"));
        String analyst = user("gemeente", "analist-1", "analist");
        YearMonth month = YearMonth.from(day);
        String counts = "/v1/aggregates?purpose=halfjaarrapportage&groupBy=OFFENCE_KIND&from=" + month.atDay(1)
                + "&to=" + month.atEndOfMonth();
        // Six youths are shown as four to eight (ADR 0035): the cell is there, shown or withheld, once counted.
        await().atMost(PATIENCE).until(() -> call(query, "GET", counts, null, analyst).body(),
                body -> body != null && body.toString().contains("HANDEL ANTECEDENT"));
        String signals = "/v1/aggregates?purpose=halfjaarrapportage&groupBy=SIGNAL&from=" + month.atDay(1) + "&to="
                + month.atEndOfMonth();
        await().atMost(PATIENCE).until(() -> call(query, "GET", signals, null, analyst).body(),
                body -> body != null && body.toString().contains("LYING_OR_EXCUSES"));

        // The page shows what the service answers for the report's year: the kinds' youths, "<5" withheld,
        // 0 for a kind it leaves out (the service's own tests check the answer against the youths sent).
        JsonNode year = call(query, "GET", "/v1/aggregates?purpose=halfjaarrapportage&groupBy=OFFENCE_KIND&from="
                + day.getYear() + "-01-01&to=" + day.getYear() + (half.endsWith("1") ? "-06-30" : "-12-31"), null,
                analyst).body();
        String kinds = shownPerKind(year);
        assertThat(kinds).matches("(<5|0) (<5|[4-8]) 0");

        browser.signIn("analist-1");
        browser.open("/rapportage?halfjaar=" + half);
        check("rapportage");
        String yearRow = browser.one("#offencesPerYear tbody tr:last-child").getText();
        assertThat(yearRow).startsWith(Integer.toString(day.getYear())).endsWith(kinds);
        assertThat(browser.all("#offencesPerYear img")).hasSize(1);
        assertThat(browser.one("#signals").getText()).contains("Gedrag, liegen of smoesjes")
                .doesNotContain("LYING_OR_EXCUSES");
        browser.open("/analyse?groupBy=OFFENCE_KIND");
        check("analyse");
        assertThat(browser.all("table th[scope=row]").stream().map(row -> row.getText()).toList())
                .contains("Opiumwetdelict geregistreerd, Handel, als antecedent");

        Path pdf = Files.createDirectories(Path.of("target", "screenshots")).resolve("halfjaarrapportage.pdf");
        Files.write(pdf, browser.fetchWithSession("/rapportage.pdf?halfjaar=" + half));
        NpmTools.Run text = NpmTools.run(pdf.getParent(), List.of("pdftotext", "-layout", pdf.getFileName().toString(),
                "-"));
        assertThat(text.exitCode()).as(text.output()).isZero();
        assertThat(text.output().replaceAll("\\s+", " "))
                .contains("Halfjaarrapportage aanpak jeugdige drugscriminaliteit")
                .contains("Periode: " + (half.endsWith("1") ? "eerste" : "tweede") + " halfjaar " + day.getYear())
                .contains("Gemaakt op: " + today())
                .containsPattern("Convenant: \\S+ versie \\d+");
        // The table's row of the report's year, as pdftotext lays it out: Bezit, Handel, Productie.
        assertThat(text.output()).containsPattern("\\n\\s*" + day.getYear() + "\\s+"
                + kinds.replace(" ", "\\s+") + "\\s*\\n");
        assertNoViolations();
    }

    /** Bezit, Handel and Productie as the report's row shows them: the youths, "<5" withheld, 0 left out. */
    private static String shownPerKind(JsonNode answer) {
        List<String> shown = new ArrayList<>();
        for (String kind : List.of("BEZIT", "HANDEL", "PRODUCTIE")) {
            String group = "nl.ketenbus.offence.opium-act-offence-registered.v1 " + kind + " ANTECEDENT";
            String value = "0";
            for (JsonNode cell : answer.path("cells")) {
                if (cell.get("group").asText().equals(group)) {
                    value = cell.get("suppressed").asBoolean() ? "<5" : cell.get("youths").asText();
                }
            }
            shown.add(value);
        }
        return String.join(" ", shown);
    }

    private static void offence(String subject, String kind, LocalDate day) throws IOException, InterruptedException {
        accepted(command, envelope("nl.ketenbus.offence.opium-act-offence-registered.v1", "politie", subject,
                day + "T10:00:00+01:00", """
                {"subjectRef":"%s","offenceId":"%s","kind":"%s","registration":"ANTECEDENT","committedOn":"%s",
                 "placeKind":"NEAR_SCHOOL"}""".formatted(subject, "bvh-" + UUID.randomUUID(), kind, day)));
    }

    /** axe-core on the current page, and a screenshot of it. */
    private void check(String page) {
        browser.screenshot(page);
        violations.put(page, new ArrayList<>(browser.accessibilityViolations()));
    }

    private void assertNoViolations() {
        assertThat(violations).isNotEmpty();
        assertThat(violations).allSatisfy((page, found) -> assertThat(found).as(page).isEmpty());
    }
}
