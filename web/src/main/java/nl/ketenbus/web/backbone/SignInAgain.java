package nl.ketenbus.web.backbone;

/** The session holds no token the services accept (expired, or refused): the person signs in again. */
public final class SignInAgain extends RuntimeException {

    SignInAgain(String message) {
        super(message);
    }
}
