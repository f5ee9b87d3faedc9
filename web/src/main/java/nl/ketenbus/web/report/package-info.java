/**
 * The half-yearly report to the driehoek (chapter 2.3 of the plan): the plan's charts and tables for
 * a chosen half year, generated from the aggregates (never a single youth; cells under the minimum
 * shown as "&lt;5"), as a page and as a PDF from the same template, charts drawn with JFreeChart.
 */
package nl.ketenbus.web.report;
