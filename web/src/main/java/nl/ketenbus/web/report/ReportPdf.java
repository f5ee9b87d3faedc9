package nl.ketenbus.web.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The report as a PDF: the report's print template (the same sections as the page) rendered by
 * openhtmltopdf. The PDF names the period, the covenant version and the day it was made on its cover.
 */
@Component
class ReportPdf {

    private final TemplateEngine templates;

    ReportPdf(TemplateEngine templates) {
        this.templates = templates;
    }

    byte[] render(HalfYearReport report) {
        String xhtml = templates.process("report/report-pdf", new Context(java.util.Locale.forLanguageTag("nl"),
                Map.of("report", report)));
        try (ByteArrayOutputStream pdf = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(xhtml, null);
            builder.toStream(pdf);
            builder.run();
            return pdf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render the report as PDF", e);
        }
    }
}
