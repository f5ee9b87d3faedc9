/** The start page. */
package nl.ketenbus.web.home;
