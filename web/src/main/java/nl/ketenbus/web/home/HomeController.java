package nl.ketenbus.web.home;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page: the tasks the signed-in person's roles give (the header's menu shows the same). */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "home";
    }
}
