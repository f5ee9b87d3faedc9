/** The placemat: every organisation's role and contact points, kept by the covenant administrator. */
package nl.ketenbus.web.placemat;
