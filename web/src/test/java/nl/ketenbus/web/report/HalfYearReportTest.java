package nl.ketenbus.web.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The report's period, its words, and its PDF from the print template (without a browser). */
class HalfYearReportTest {

    @Test
    void aHalfYearIsJanuaryToJuneOrJulyToDecember() {
        HalfYear second = HalfYear.parse("2026-2");
        assertThat(second.from()).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(second.to()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(second.months()).hasSize(6);
        assertThat(second.label()).isEqualTo("tweede halfjaar 2026");
        assertThat(second.previous()).isEqualTo(new HalfYear(2026, 1));
        assertThat(HalfYear.parse("nonsense")).isEqualTo(HalfYear.lastEnded());
        assertThatThrownBy(() -> new HalfYear(2026, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(HalfYear.recent()).hasSize(8).contains(HalfYear.lastEnded());
    }

    @Test
    void theWordsSayWithheldCountsAsFewerThanTheMinimumCellSizeAndNeverGuess() {
        List<String> summary = Summary.of(new HalfYear(2026, 1), tables(), 5);
        assertThat(summary.get(0)).contains("kregen 12 jongeren een match").contains("er minder dan 5 beoordeeld");
        assertThat(Summary.of(new HalfYear(2026, 1), tables(), 10).get(0)).as("the query service's minimum")
                .contains("er minder dan 10 beoordeeld");
        assertThat(summary).anySatisfy(sentence -> assertThat(sentence)
                .isEqualTo("De burgemeester legde bestuurlijke maatregelen op: 7 x Verblijfsontzegging (APV 2:78)."));
    }

    @Test
    void thePdfNamesThePeriodTheCovenantAndTheDayAndHoldsTheTables() throws IOException {
        HalfYearReport report = new HalfYearReport(new HalfYear(2026, 1), "criminele-aanwas-test", 3L,
                LocalDate.of(2026, 7, 2), 5, 2, LocalDate.of(2026, 11, 3), Summary.of(new HalfYear(2026, 1), tables(), 5), tables(),
                Map.of("measures", new ReportCharts().bars(tables().get("measures"))));
        byte[] pdf = new ReportPdf(templates()).render(report);
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFTextStripper stripper = new PDFTextStripper();
            // Read as laid out on the page, like pdftotext (the content stream writes spans in its own order).
            stripper.setSortByPosition(true);
            String text = stripper.getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Periode: eerste halfjaar 2026 (2026-01-01 tot en met 2026-06-30)")
                    .contains("Convenant: criminele-aanwas-test versie 3").contains("Gemaakt op: 2026-07-02")
                    .contains("Elk aantal wijkt met ten hoogste 2 af van het werkelijke aantal")
                    .contains("De aantallen van dit halfjaar liggen vast sinds 2026-11-03")
                    .contains("Verblijfsontzegging (APV 2:78) 7 6").contains("<5");
            assertThat(document.getNumberOfPages()).isGreaterThan(1);
        }
    }

    private static Map<String, Table> tables() {
        Map<String, Table> tables = new LinkedHashMap<>();
        tables.put("approach", new Table("De aanpak", List.of("Aantal"), List.of(
                row("match", "12", 12L), row("beoordeeld", "<5", null), row("instroom", "6", 6L),
                row("uitstroom", "0", 0L), row("zvh", "0", 0L), row("riec", "<5", null))));
        tables.put("interventions", new Table("Interventies", List.of("Gestart", "Jongeren"), List.of()));
        tables.put("measures", new Table("Bestuurlijke maatregelen", List.of("Opgelegd", "Jongeren"), List.of(
                new Table.Row("Verblijfsontzegging (APV 2:78)", List.of("7", "6"), List.of(7L)))));
        return tables;
    }

    private static Table.Row row(String label, String shown, Long number) {
        return new Table.Row(label, List.of(shown), Arrays.asList(number));
    }

    private static TemplateEngine templates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        TemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
