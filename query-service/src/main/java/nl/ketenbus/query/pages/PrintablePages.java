package nl.ketenbus.query.pages;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.web.util.HtmlUtils;

/**
 * A printable page in Dutch from plain values: every value is escaped here, so a page shows text,
 * never markup that came with the data.
 */
public final class PrintablePages {

    private PrintablePages() {
    }

    /**
     * A period as the covenant gives it ({@code P1Y}, {@code P3M}) in Dutch words, for people who read the page
     * (a youth, a privacy officer); as given when it is no period. The pages of the web application write the
     * same words from their own labels: they do not depend on the services' code.
     */
    public static String period(String period) {
        if (period == null) {
            return "";
        }
        try {
            Period parsed = Period.parse(period);
            List<String> parts = new ArrayList<>();
            if (parsed.getYears() > 0) {
                parts.add(parsed.getYears() + " jaar");
            }
            if (parsed.getMonths() > 0) {
                parts.add(parsed.getMonths() + (parsed.getMonths() == 1 ? " maand" : " maanden"));
            }
            if (parsed.getDays() > 0) {
                parts.add(parsed.getDays() + (parsed.getDays() == 1 ? " dag" : " dagen"));
            }
            return parts.isEmpty() ? period : String.join(" en ", parts);
        } catch (DateTimeParseException notAPeriod) {
            return period;
        }
    }

    /** A whole page with its title as heading. */
    public static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="nl"><head><meta charset="utf-8"><title>%s</title>
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1em}
                td,th{border:1px solid #999;padding:.3em .6em;text-align:left}</style></head>
                <body><h1>%s</h1>%s</body></html>
                """.formatted(escape(title), escape(title), body);
    }

    /** One table row of plain values, each escaped. */
    public static String row(String... cells) {
        StringBuilder row = new StringBuilder("<tr>");
        for (String cell : cells) {
            row.append("<td>").append(escape(cell)).append("</td>");
        }
        return row.append("</tr>").toString();
    }

    /** A table with these headers around rows made with {@link #row}. */
    public static String table(List<String> headers, String rows) {
        StringBuilder head = new StringBuilder("<table><thead><tr>");
        headers.forEach(header -> head.append("<th>").append(escape(header)).append("</th>"));
        return head.append("</tr></thead><tbody>").append(rows).append("</tbody></table>").toString();
    }

    public static String escape(String value) {
        return value == null ? "" : HtmlUtils.htmlEscape(value);
    }
}
