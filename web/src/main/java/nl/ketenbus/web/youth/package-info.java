/** Finding a youth and reading the consolidated timeline, as the signed-in person's audience sees it. */
package nl.ketenbus.web.youth;
