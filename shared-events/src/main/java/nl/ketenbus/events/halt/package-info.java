/** Facts of Halt, the out-of-court settlement for minors: referrals and settlements. */
package nl.ketenbus.events.halt;
