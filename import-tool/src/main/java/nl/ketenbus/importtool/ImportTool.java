package nl.ketenbus.importtool;

import java.io.IOException;

/**
 * {@code java -jar import-tool-*-exec.jar --service URL FILE.ndjson}: see {@link Options#USAGE}.
 * Exit status 0 when the import is sealed, 1 for a wrong command line, 2 when the service refused
 * (its problem is printed) or could not be reached; running it again resumes.
 */
public final class ImportTool {

    private ImportTool() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args));
    }

    /** Runs the tool with these arguments; returns the exit status. */
    public static int run(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args, System.getenv());
        } catch (IllegalArgumentException wrong) {
            System.err.println(wrong.getMessage());
            System.err.print(Options.USAGE);
            return 1;
        }
        try {
            new ImportRun(options, System.err, System.console() != null).run();
            return 0;
        } catch (ImportApi.Refused refused) {
            System.err.println("The service refused: " + refused.getMessage());
            System.err.println("Nothing decided is lost; what was refused is kept in " + options.results());
            return 2;
        } catch (IOException | IllegalArgumentException failed) {
            System.err.println("The import stopped: " + failed.getMessage());
            System.err.println("Run the same command again to resume.");
            return 2;
        }
    }
}
