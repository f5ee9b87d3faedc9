package nl.ketenbus.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The benchmark's charts as PNG images (docs/benchmarks.md shows them). */
final class LagChart {

    private LagChart() {
    }

    /** Every probe's lag against when it was sent, one series per phase. */
    static void lagOverTime(Map<String, List<Probes.Lag>> phases, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        phases.forEach((phase, lags) -> {
            XYSeries series = new XYSeries(phase, false);
            lags.forEach(lag -> series.add(lag.sentAtSecond(), lag.millis()));
            data.addSeries(series);
        });
        JFreeChart chart = ChartFactory.createScatterPlot("Lag from the partner's request to the fact in the "
                + "read model", "seconds into the phase", "lag (ms)", data, PlotOrientation.VERTICAL, true, false,
                false);
        write(chart, png);
    }

    /** Throughput (y) against the number of clients (x), one line per series. */
    static void throughputAgainstClients(Map<String, Map<Integer, Double>> lines, Path png) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        lines.forEach((name, points) -> {
            XYSeries series = new XYSeries(name);
            new LinkedHashMap<>(points).forEach(series::add);
            data.addSeries(series);
        });
        JFreeChart chart = ChartFactory.createXYLineChart("Intake throughput against clients", "clients",
                "events/s", data, PlotOrientation.VERTICAL, true, false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setDefaultStroke(new BasicStroke(2f));
        ((XYPlot) chart.getPlot()).setRenderer(renderer);
        write(chart, png);
    }

    private static void write(JFreeChart chart, Path png) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getXYPlot().setBackgroundPaint(Color.WHITE);
        chart.getXYPlot().setRangeGridlinePaint(Color.LIGHT_GRAY);
        chart.getXYPlot().setDomainGridlinePaint(Color.LIGHT_GRAY);
        Files.createDirectories(png.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 450);
    }
}
