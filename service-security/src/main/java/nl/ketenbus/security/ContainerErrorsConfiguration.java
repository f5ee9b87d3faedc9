package nl.ketenbus.security;

import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every error a client can meet is problem+json: those the container answers before the
 * application runs ({@link ProblemErrorReportValve}), and those sent to the error page (a path the
 * firewall refuses, such as one with {@code ..}; anything a filter answers with {@code sendError}).
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorsConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    ErrorController problemErrorPage() {
        return new ProblemErrorPage();
    }

    /** The error page: the status and a fixed detail, never the request or an exception's message. */
    @Hidden
    @RestController
    static class ProblemErrorPage implements ErrorController {

        @RequestMapping(path = "/error", produces = MediaType.APPLICATION_PROBLEM_JSON_VALUE)
        ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            HttpStatus status = code instanceof Integer number && HttpStatus.resolve(number) != null
                    ? HttpStatus.resolve(number) : HttpStatus.INTERNAL_SERVER_ERROR;
            String detail = status.is5xxServerError() ? "the server failed; nothing was stored"
                    : "the server could not accept this request as sent";
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(status, Problems.slugOf(status), status.getReasonPhrase(), detail, List.of()));
        }
    }
}
