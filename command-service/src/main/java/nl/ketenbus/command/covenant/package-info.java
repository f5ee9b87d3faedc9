/**
 * The covenant this node applies: installed from the deployment's file at the first start, then
 * switched only by an approved change (ADR 0017); a broken covenant stops the service.
 */
package nl.ketenbus.command.covenant;
