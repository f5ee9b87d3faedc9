/** Assessment: whether a youth belongs to the target group of the approach (chapter 2.1 of the plan). */
package nl.ketenbus.events.assessment;
