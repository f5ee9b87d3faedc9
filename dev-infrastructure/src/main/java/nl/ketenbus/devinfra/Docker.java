package nl.ketenbus.devinfra;

import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine answers; asked once per JVM (the first answer takes ~0.5 s without one). */
final class Docker {

    private static Boolean available;

    private Docker() {
    }

    static synchronized boolean available() {
        if (available == null) {
            try {
                available = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                available = false;
            }
        }
        return available;
    }
}
