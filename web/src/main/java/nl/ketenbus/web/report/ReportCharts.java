package nl.ketenbus.web.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.springframework.stereotype.Component;

/**
 * The report's charts, drawn with JFreeChart into PNG images (as data addresses, so the page and the
 * PDF carry them without another request). A withheld cell is not drawn: the table beside each
 * chart says "&lt;5" for it, and is the chart's text alternative.
 */
@Component
class ReportCharts {

    /** Colours with at least 3:1 contrast against white and against each other's neighbours. */
    private static final Color[] SERIES = {new Color(0x1F4E79), new Color(0xC45A00), new Color(0x2E7D32),
        new Color(0x6A1B9A)};
    private static final int WIDTH = 720;
    private static final int HEIGHT = 320;

    String bars(Table table) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Table.Row row : table.rows()) {
            for (int series = 0; series < row.numbers().size(); series++) {
                Long value = row.numbers().get(series);
                if (value != null) {
                    data.addValue(value, table.columns().get(series), row.label());
                }
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(null, null, "Aantal", data, PlotOrientation.VERTICAL,
                true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.GRAY);
        // Counts of youths: whole numbers on the axis.
        plot.getRangeAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int series = 0; series < SERIES.length; series++) {
            renderer.setSeriesPaint(series, SERIES[series]);
        }
        BufferedImage image = chart.createBufferedImage(WIDTH, HEIGHT);
        try {
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(ChartUtils.encodeAsPNG(image));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot draw the chart " + table.caption(), e);
        }
    }
}
