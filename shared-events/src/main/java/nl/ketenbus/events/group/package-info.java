/**
 * The group approach (groepsaanpak) of a criminal youth group, along the seven-step model: each
 * member's joining and leaving and the group's steps, recorded on the member's own stream and shown
 * only to the organisations taking part in the group's approach.
 */
package nl.ketenbus.events.group;
