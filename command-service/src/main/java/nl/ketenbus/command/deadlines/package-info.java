/**
 * Deadlines (reminders, birthdays, retention) on Axon's db-scheduler deadline manager, with an
 * index of which deadline belongs to which aggregate, so that cancelling an aggregate's deadlines
 * costs an indexed delete instead of a scan of every scheduled deadline (ADR 0021).
 */
package nl.ketenbus.command.deadlines;
