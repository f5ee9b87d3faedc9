package nl.ketenbus.web.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The half-yearly report as the page and the PDF show it.
 *
 * @param period          the half year
 * @param covenantId      the covenant that decided what was counted
 * @param covenantVersion its version
 * @param madeOn          the day the report was made
 * @param minimum         the minimum cell size (cells about fewer youths show "&lt;minimum")
 * @param deviation       the most a count shown differs from the true one (ADR 0035)
 * @param frozenOn        the day the service kept the half year's counts (settled), or null
 * @param summary         the approach's actions and results in words, where the counts give them
 * @param tables          the tables by name
 * @param charts          the charts by table name, as PNG data addresses
 */
public record HalfYearReport(HalfYear period, String covenantId, Long covenantVersion, LocalDate madeOn, long minimum,
                             long deviation, LocalDate frozenOn, List<String> summary, Map<String, Table> tables, Map<String, String> charts) {
}
