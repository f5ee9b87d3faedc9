/** The printable Dutch pages' building blocks, shared by the features that answer with a page. */
package nl.ketenbus.query.pages;
