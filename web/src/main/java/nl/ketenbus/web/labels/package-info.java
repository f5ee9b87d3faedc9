/** Dutch names for the backbone's codes, for the pages. */
package nl.ketenbus.web.labels;
