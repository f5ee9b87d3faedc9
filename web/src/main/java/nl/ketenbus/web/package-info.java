/**
 * The pages: a client of the query and command services that signs people in with OpenID Connect and
 * calls the services with the signed-in person's own access token. The covenant, the access log and
 * every refusal stay where they are (the services); the pages hold no read model and store nothing
 * about a youth, so a page can never show more than the person's own API call would.
 */
package nl.ketenbus.web;
