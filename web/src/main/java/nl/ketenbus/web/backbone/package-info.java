/**
 * Calls to the query and command services with the signed-in person's access token, and what their
 * answers mean for a page: a refusal with its reason, a dependency that is down (503 with
 * Retry-After, never a hang), or a session whose token the services no longer accept.
 */
package nl.ketenbus.web.backbone;
