/** The covenant this node projects and reads with: loaded and checked at start; a broken covenant stops the service. */
package nl.ketenbus.query.covenant;
