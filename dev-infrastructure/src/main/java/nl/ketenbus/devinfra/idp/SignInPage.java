package nl.ketenbus.devinfra.idp;

import java.util.List;
import java.util.Map;

/**
 * DEV-ONLY: the dev identity provider's sign-in page (Dutch, like the pages it serves): one button
 * per dev user, and the authorization request carried along in hidden fields.
 */
final class SignInPage {

    private SignInPage() {
    }

    static String render(Map<String, String> request, List<DevUser> users) {
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("client_id", "response_type", "redirect_uri", "scope", "state", "nonce",
                "code_challenge", "code_challenge_method")) {
            if (request.containsKey(name)) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(escape(request.get(name))).append("\">");
            }
        }
        StringBuilder buttons = new StringBuilder();
        for (DevUser user : users) {
            buttons.append("<li><button type=\"submit\" name=\"username\" value=\"").append(escape(user.username()))
                    .append("\">").append(escape(user.displayName())).append(" <small>(")
                    .append(escape(user.username())).append(", ").append(escape(String.join(", ", user.roles())))
                    .append(")</small></button></li>");
        }
        return page("Aanmelden (ontwikkelomgeving)", "<p class=\"dev\"><strong>Alleen voor ontwikkeling.</strong> "
                + "Deze aanmeldpagina hoort bij de lokale omgeving van ketenbus en vervangt de identiteitsprovider "
                + "van de organisatie. Kies een testgebruiker.</p><form method=\"post\" action=\"/authorize\">"
                + hidden + "<ul>" + buttons + "</ul></form>");
    }

    static String signedOut() {
        return page("Afgemeld", "<p>U bent afgemeld.</p>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>" + title
                + " - ketenbus</title><style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto;"
                + "padding:0 1rem}ul{list-style:none;padding:0}li{margin:.3rem 0}button{font-size:1rem;"
                + "padding:.4rem .8rem;min-width:24rem;text-align:left}.dev{background:#fff3cd;padding:.8rem;"
                + "border:2px solid #8a6d00}</style></head><body><main><h1>" + title + "</h1>" + body
                + "</main></body></html>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
