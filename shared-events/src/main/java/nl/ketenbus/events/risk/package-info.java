/** Risk and protection: the risk factors and the plan's ten protective factors recorded about a youth. */
package nl.ketenbus.events.risk;
