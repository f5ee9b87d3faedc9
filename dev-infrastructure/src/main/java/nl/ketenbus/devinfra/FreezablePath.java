package nl.ketenbus.devinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A network path to a server (PostgreSQL in the tests) that a test can freeze: while frozen, every byte either
 * side sends is held, and no connection is closed, as a frozen server or a lost network path looks to a client.
 * Refusing connections, which {@link Postgres#refuseConnections} does, is the other failure; this is the one
 * where a statement already sent waits for an answer that does not come.
 *
 * <p>A test can also freeze it at one step of a client's work ({@link #freezeAfterSent}): the statement is
 * delivered and carried out, and its answer is held, as when the server or the path stops just after it.
 */
public final class FreezablePath implements AutoCloseable {

    private static final Pattern HOST_AND_PORT = Pattern.compile("//([^/:]+):(\\d+)/");

    private final ServerSocket listener;
    private final String host;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private boolean frozen;
    /** A freeze armed to follow a statement a client sends; null when none is. */
    private final AtomicReference<Trigger> armed = new AtomicReference<>();

    /** Freeze once a connection that sent {@code first} (when not null) sends {@code then}. */
    private record Trigger(String first, String then) {
    }

    private FreezablePath(String host, int port) throws IOException {
        this.host = host;
        this.port = port;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "freezable-path-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A path to the host and port a JDBC URL names; {@link #through} gives the URL that takes it. */
    public static FreezablePath toServerOf(String jdbcUrl) {
        Matcher server = HOST_AND_PORT.matcher(jdbcUrl);
        if (!server.find()) {
            throw new IllegalArgumentException("no host and port in the JDBC URL");
        }
        try {
            return new FreezablePath(server.group(1), Integer.parseInt(server.group(2)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JDBC URL with its server replaced by this path. */
    public String through(String jdbcUrl) {
        return HOST_AND_PORT.matcher(jdbcUrl).replaceFirst("//127.0.0.1:" + listener.getLocalPort() + "/");
    }

    /**
     * Holds (true) or lets through again (false) every byte on every connection, new ones included; letting
     * through also drops a freeze still armed ({@link #freezeAfterSent}), so that it cannot fall on a later test.
     */
    public void freeze(boolean frozen) {
        if (!frozen) {
            armed.set(null);
        }
        synchronized (gate) {
            this.frozen = frozen;
            gate.notifyAll();
        }
    }

    /**
     * Freezes the path just after the first client's bytes naming {@code statement} (case ignored) are delivered:
     * the server carries it out, and its answer is held.
     */
    public void freezeAfterSent(String statement) {
        armed.set(new Trigger(null, statement.toLowerCase(Locale.ROOT)));
    }

    /**
     * As {@link #freezeAfterSent(String)}, for {@code then} sent on a connection that sent {@code first} before
     * it: one step of one client's transaction, such as the commit of a transaction that wrote to a table.
     */
    public void freezeAfterSent(String first, String then) {
        armed.set(new Trigger(first.toLowerCase(Locale.ROOT), then.toLowerCase(Locale.ROOT)));
    }

    /** Whether the path is frozen now. */
    public boolean frozen() {
        synchronized (gate) {
            return frozen;
        }
    }

    /** Returns once the path is not frozen. */
    private void passable() throws InterruptedException {
        synchronized (gate) {
            while (frozen) {
                gate.wait();
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(host, port);
                open.add(client);
                open.add(server);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean toServer) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16384];
            boolean[] sentFirst = {false};
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    // The bytes that set off an armed freeze go through; the answer to them is held.
                    if (!(toServer && setsOffFreeze(buffer, read, sentFirst))) {
                        passable();
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException gone) {
                // One side closed: the other goes too, as a broken connection does.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "freezable-path-pump");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Whether these bytes a client sent set off the armed freeze, which is then in force before they are passed
     * on; {@code sentFirst} remembers for the connection that it sent the trigger's first statement. A statement's
     * text travels in one piece of a client's message, so it is searched per read.
     */
    private boolean setsOffFreeze(byte[] buffer, int read, boolean[] sentFirst) {
        Trigger trigger = armed.get();
        if (trigger == null) {
            return false;
        }
        String sent = new String(buffer, 0, read, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (trigger.first() != null && !sentFirst[0]) {
            sentFirst[0] = sent.contains(trigger.first());
            return false;
        }
        if (sent.contains(trigger.then()) && armed.compareAndSet(trigger, null)) {
            freeze(true);
            return true;
        }
        return false;
    }

    private void closeQuietly(Socket socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed already
        }
    }
}
