/** Facts of youth probation (jeugdreclassering): supervision of a youth starts and ends. */
package nl.ketenbus.events.jeugdreclassering;
