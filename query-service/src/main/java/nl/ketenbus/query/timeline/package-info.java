/** The youth's history as published (the projection's source) and the timeline API over the role-filtered entries. */
package nl.ketenbus.query.timeline;
