package nl.ketenbus.devinfra.idp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;

/** One answer of the dev identity provider: status, content type, body, and a redirect target. */
record Answer(int status, String contentType, String body, String location) {

    static Answer json(String body) {
        return new Answer(200, "application/json", body, null);
    }

    static Answer html(String body) {
        return new Answer(200, "text/html; charset=utf-8", body, null);
    }

    static Answer redirect(String location) {
        return new Answer(302, null, "", location);
    }

    static Answer oauthError(String error) {
        return new Answer(400, "application/json", "{\"error\":\"" + error + "\"}", null);
    }

    static Answer problem(int status, String detail) {
        return new Answer(status, "application/problem+json", "{\"title\":\"dev identity provider\",\"status\":"
                + status + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}", null);
    }

    void send(HttpExchange exchange) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (location != null) {
            exchange.getResponseHeaders().set("Location", location);
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
