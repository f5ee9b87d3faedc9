/** Finding a youth: by BSN, for the case director and the privacy officer handling a subject request. */
package nl.ketenbus.query.search;
