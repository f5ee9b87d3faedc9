/** Facts of team ondermijning and the RIEC: what became of a referral the case table proposed to them. */
package nl.ketenbus.events.ondermijning;
