/**
 * Onboarding a partner's history: years of events sent in bulk as newline-delimited CloudEvents, in
 * declared chunks that are decided exactly like live intake ({@code BatchIntake}: same schemas, same
 * refusals, same idempotency), remembered once decided so that an interrupted import resumes where it
 * stopped, and sealed when every chunk the partner declared arrived as declared (docs/onboarding.md).
 */
package nl.ketenbus.command.onboarding;
