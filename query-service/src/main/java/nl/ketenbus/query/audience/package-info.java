/**
 * The role-filtered read model: every backbone event evaluated against the covenant for every
 * audience (recipient organisation, role, purpose), stored with only the fields its rule shows and
 * the rule and covenant version that allowed it. Need-to-know follows the case events: when an
 * organisation joins or leaves a youth's case, the youth's entries are evaluated again.
 */
package nl.ketenbus.query.audience;
