package cn.huizong.web.mail;

import java.time.LocalDate;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.huizong.mail.MailSettings;
import cn.huizong.web.Formats;
import cn.huizong.web.ServeSettings;
import jakarta.servlet.http.HttpServletRequest;

/** 邮件: the last fetch, the messages fetched, the outbox to review, the buttons and the letters sent. */
@Controller
class MailController {

    private final MailDesk desk;
    private final MailPage page;
    private final ServeSettings settings;
    private final Formats fmt;

    MailController(MailDesk desk, MailPage page, ServeSettings settings, Formats fmt) {
        this.desk = desk;
        this.page = page;
        this.settings = settings;
        this.fmt = fmt;
    }

    @GetMapping("/mail")
    String mail(Model model) throws java.io.IOException {
        MailSettings s = desk.mailSettings();
        LocalDate today = desk.today(settings.campaign());
        model.addAttribute("imap", s.imap().configured());
        model.addAttribute("smtp", s.smtp().configured());
        model.addAttribute("noImap", MailPage.NO_IMAP);
        model.addAttribute("noSmtp", MailPage.NO_SMTP);
        model.addAttribute("lastFetch", desk.lastFetch());
        model.addAttribute("totals", page.totals());
        model.addAttribute("messages", page.messages());
        model.addAttribute("outbox", page.outbox(today));
        model.addAttribute("history", page.history());
        model.addAttribute("today", today);
        model.addAttribute("fmt", fmt);
        return "mail";
    }

    @PostMapping("/mail/fetch")
    String fetch(Authentication user, HttpServletRequest request, RedirectAttributes redirect) {
        return shown(desk.fetch(user.getName(), request.getRemoteAddr()), redirect);
    }

    @PostMapping("/mail/feedback")
    String feedback(Authentication user, HttpServletRequest request, RedirectAttributes redirect) {
        return shown(desk.feedback(user.getName(), request.getRemoteAddr(), true), redirect);
    }

    @PostMapping("/mail/reminders")
    String reminders(Authentication user, HttpServletRequest request, RedirectAttributes redirect) {
        return shown(desk.reminders(user.getName(), request.getRemoteAddr(), true), redirect);
    }

    /** Writes the current run's feedback and today's reminders as .eml for review, sending nothing. */
    @PostMapping("/mail/preview")
    String preview(Authentication user, HttpServletRequest request, RedirectAttributes redirect) {
        MailDesk.Done f = desk.feedback(user.getName(), request.getRemoteAddr(), false);
        MailDesk.Done r = desk.reminders(user.getName(), request.getRemoteAddr(), false);
        return shown(new MailDesk.Done(f.ok() && r.ok(), f.message() + "\n" + r.message()), redirect);
    }

    private static String shown(MailDesk.Done done, RedirectAttributes redirect) {
        redirect.addFlashAttribute(done.ok() ? "info" : "refused", done.message());
        return "redirect:/mail";
    }
}
