package cn.huizong.web.home;

import java.io.IOException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** 首页 (概况). */
@Controller
class HomeController {

    private final Overview overview;

    HomeController(Overview overview) {
        this.overview = overview;
    }

    @GetMapping("/")
    String home(Model model) throws IOException {
        model.addAttribute("page", overview.page());
        return "home";
    }
}
