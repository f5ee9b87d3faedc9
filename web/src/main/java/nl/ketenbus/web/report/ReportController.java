package nl.ketenbus.web.report;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The half-yearly report for a chosen half year, as a page and as a PDF. */
@Controller
class ReportController {

    private final ReportData data;
    private final ReportPdf pdf;

    ReportController(ReportData data, ReportPdf pdf) {
        this.data = data;
        this.pdf = pdf;
    }

    @GetMapping("/rapportage")
    String page(@RequestParam(required = false) String halfjaar, Model model) {
        model.addAttribute("report", data.make(HalfYear.parse(halfjaar)));
        model.addAttribute("halfYears", HalfYear.recent());
        return "report/report";
    }

    @GetMapping("/rapportage.pdf")
    ResponseEntity<byte[]> pdf(@RequestParam(required = false) String halfjaar) {
        HalfYearReport report = data.make(HalfYear.parse(halfjaar));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("halfjaarrapportage-" + report.period().code() + ".pdf").build().toString())
                .body(pdf.render(report));
    }
}
