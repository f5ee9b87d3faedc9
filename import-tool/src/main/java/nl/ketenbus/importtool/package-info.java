/**
 * The partner's command line for onboarding a history (docs/onboarding.md): cuts a file of
 * newline-delimited CloudEvents into chunks ({@link Cut}), declares the import, sends the chunks the
 * command service has not decided yet ({@link ImportRun}) with a progress bar ({@link Progress}),
 * keeps each chunk's answer beside the file, and seals. Run again after any interruption, it resumes.
 */
package nl.ketenbus.importtool;
