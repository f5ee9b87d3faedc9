package nl.ketenbus.query.timeline;

import java.util.List;

/**
 * One page of a youth's timeline, oldest first. An unknown subject has an empty timeline: the
 * answer never tells whether a subject exists.
 */
record TimelinePage(String subjectRef, int page, int size, long totalEntries, List<TimelineEntry> entries) {
}
