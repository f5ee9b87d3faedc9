package nl.ketenbus.importtool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tool's command line. The token is never an argument (command lines are visible to every user
 * of the machine and end up in shell histories): it is read from {@code --token-file} or from the
 * environment variable {@value #TOKEN_VARIABLE}.
 *
 * @param service            the command service's base address
 * @param file               the NDJSON file
 * @param importId           the import's name; by default derived from the file's manifest, so that the
 *                           same file cut the same way is the same import
 * @param chunkEvents        events per chunk
 * @param parallel           chunks in flight at once
 * @param maxEventsPerSecond the partner's own limit, 0 for none
 * @param results            where each chunk's answer is kept (default: the file's name + ".results")
 * @param token              the bearer token
 */
record Options(URI service, Path file, String importId, int chunkEvents, int parallel, int maxEventsPerSecond,
               Path results, String token) {

    static final String TOKEN_VARIABLE = "KETENBUS_TOKEN";

    /** More chunks in flight wait at the service, holding their text, and gain nothing (docs/onboarding.md). */
    static final int MAX_PARALLEL = 4;

    private static final Pattern IMPORT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    static final String USAGE = """
            usage: ketenbus-import --service URL [--token-file FILE] [--chunk-events N] [--parallel N]
                                   [--max-events-per-second N] [--import-id ID] [--results DIR] FILE.ndjson

            Sends a partner's history (one CloudEvent per line) to the command service in chunks, shows
            progress, keeps each chunk's answer in DIR (default FILE.ndjson.results) and seals the import.
            Run it again after any interruption: it sends only what was not decided yet.
            The token comes from --token-file or the environment variable KETENBUS_TOKEN, never an argument.
              --chunk-events N            events per chunk (default 5000; the service takes up to 5000)
              --parallel N                chunks in flight at once (default 2, at most 4)
              --max-events-per-second N   send no faster than this (default: no limit)
            """;

    static Options parse(String[] args, Map<String, String> environment) {
        URI service = null;
        Path file = null;
        String tokenFile = null;
        Path results = null;
        String importId = null;
        int chunkEvents = 5000;
        int parallel = 2;
        int maxEventsPerSecond = 0;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--service" -> service = address(value(args, ++i, arg));
                case "--token-file" -> tokenFile = value(args, ++i, arg);
                case "--chunk-events" -> chunkEvents = positive(value(args, ++i, arg), arg);
                case "--parallel" -> parallel = atMost(MAX_PARALLEL, positive(value(args, ++i, arg), arg), arg);
                case "--max-events-per-second" -> maxEventsPerSecond = positive(value(args, ++i, arg), arg);
                case "--import-id" -> importId = importId(value(args, ++i, arg));
                case "--results" -> results = Path.of(value(args, ++i, arg));
                default -> {
                    // What is refused is named, never repeated: a token typed by mistake must not end up in a
                    // log of the tool's output.
                    if (arg.startsWith("--token")) {
                        throw new IllegalArgumentException("a token is never given on the command line: "
                                + "use --token-file or " + TOKEN_VARIABLE);
                    }
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + optionName(arg));
                    }
                    if (file != null) {
                        throw new IllegalArgumentException("one file at a time: a second argument was given after "
                                + "the file");
                    }
                    file = Path.of(arg);
                }
            }
        }
        if (service == null || file == null) {
            throw new IllegalArgumentException("--service and a file are required");
        }
        requireHttps(service);
        String token = tokenFile != null ? tokenIn(tokenFile) : environment.get(TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no token: give --token-file or set " + TOKEN_VARIABLE);
        }
        Path kept = results != null ? results : file.resolveSibling(file.getFileName() + ".results");
        return new Options(service, file, importId, chunkEvents, parallel, maxEventsPerSecond, kept, token);
    }

    /**
     * The token and the identification forms (BSNs) travel in the requests: over HTTPS only, except to this
     * machine itself (a local run, the tests).
     */
    private static void requireHttps(URI service) {
        String host = service.getHost();
        boolean local = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host)
                || "::1".equals(host);
        String scheme = service.getScheme();
        if (!"https".equalsIgnoreCase(scheme) && !(local && "http".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException("--service must be an https:// address (http:// only to localhost)");
        }
    }

    /**
     * The address, or a refusal that does not repeat it: an address that does not parse may be a token
     * pasted into the wrong place, and {@link URI#create}'s message quotes what it was given.
     */
    private static URI address(String value) {
        try {
            return new URI(value);
        } catch (URISyntaxException notAnAddress) {
            throw new IllegalArgumentException("--service is not an address");
        }
    }

    /**
     * The token in the file. A path that cannot be read is not named: the token itself given by mistake
     * after {@code --token-file} would otherwise be printed in the error (and so in a CI log).
     */
    private static String tokenIn(String tokenFile) {
        try {
            return Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).trim();
        } catch (IOException | UncheckedIOException | InvalidPathException unreadable) {
            throw new IllegalArgumentException("the file given by --token-file cannot be read ("
                    + unreadable.getClass().getSimpleName() + ")");
        }
    }

    /** The service's own rule for an import's name, checked before the file is cut (and not repeated). */
    private static String importId(String value) {
        if (!IMPORT_ID.matcher(value).matches()) {
            throw new IllegalArgumentException("--import-id takes 1 to 64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
        return value;
    }

    private static int atMost(int limit, int value, String option) {
        if (value > limit) {
            throw new IllegalArgumentException(option + " is at most " + limit + ": the service decides an "
                    + "import's chunks one after the other and holds at most three waiting behind the next");
        }
        return value;
    }

    /** The option's name without a value written after {@code =}. */
    private static String optionName(String arg) {
        int equals = arg.indexOf('=');
        String name = equals < 0 ? arg : arg.substring(0, equals);
        return name.length() > 40 ? name.substring(0, 40) + "..." : name;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int positive(String value, String option) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        throw new IllegalArgumentException(option + " takes a positive whole number");
    }
}
