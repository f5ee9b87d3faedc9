package nl.ketenbus.security;

import org.springframework.web.context.request.RequestContextHolder;

/**
 * Whether someone is waiting on the current thread: an HTTP request's thread, or a thread a request hands its
 * work to and waits for (the command side's intake lanes, the query side's access-log writer and identity
 * reveals mark theirs). A statement on such a thread is bounded by
 * {@code ketenbus.database.waited-on-statement-timeout} ({@link WaitedOnConnections}), so that a database that stops
 * answering mid-statement is answered 503 within seconds instead of holding the caller.
 */
public final class WaitedOn {

    private static final ThreadLocal<Boolean> MARKED = new ThreadLocal<>();

    private WaitedOn() {
    }

    /** Marks the current thread, for its whole life, as one that requests wait on. */
    public static void markThisThread() {
        MARKED.set(Boolean.TRUE);
    }

    /** Whether a request waits on the current thread. */
    static boolean now() {
        return MARKED.get() != null || RequestContextHolder.getRequestAttributes() != null;
    }
}
