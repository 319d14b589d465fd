package cn.huizong.web.admin;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.huizong.web.account.ConsoleUsers;
import cn.huizong.web.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;

/** 用户 (admin only): create clerks, reset a password, disable or enable an account, each change audited. */
@Controller
class UsersController {

    private final ConsoleUsers users;
    private final AuditLog audit;

    UsersController(ConsoleUsers users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    @GetMapping("/admin/users")
    String list(Model model) {
        model.addAttribute("users", users.all());
        model.addAttribute("roles", ConsoleUsers.Role.values());
        model.addAttribute("now", java.time.Instant.now());
        return "admin/users";
    }

    @PostMapping("/admin/users")
    String create(@RequestParam String username, @RequestParam(required = false) String displayName,
            @RequestParam String password, @RequestParam(defaultValue = "CLERK") String role, Authentication user,
            HttpServletRequest request, RedirectAttributes redirect) {
        try {
            ConsoleUsers.Account a = users.create(username, password, role, displayName);
            audit.record(user.getName(), request.getRemoteAddr(), AuditLog.Action.USER_CREATE,
                    "新建用户 " + a.username() + "（" + a.role() + "）");
            redirect.addFlashAttribute("info", "已创建用户 " + a.username() + "（" + a.role().label() + "）。");
        } catch (ConsoleUsers.Refused e) {
            redirect.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{username}/password")
    String password(@PathVariable String username, @RequestParam String password, Authentication user,
            HttpServletRequest request, RedirectAttributes redirect) {
        try {
            users.setPassword(username, password);
            audit.record(user.getName(), request.getRemoteAddr(), AuditLog.Action.USER_CHANGE,
                    "重置用户 " + username + " 的密码（并解除锁定）");
            redirect.addFlashAttribute("info", "已重置用户 " + username + " 的密码。");
        } catch (ConsoleUsers.Refused e) {
            redirect.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/admin/users";
    }

    @PostMapping("/admin/users/{username}/enabled")
    String enabled(@PathVariable String username, @RequestParam boolean enabled, Authentication user,
            HttpServletRequest request, RedirectAttributes redirect) {
        if (!enabled && username.equals(user.getName())) {
            redirect.addFlashAttribute("refused", "不能停用自己正在使用的账号。");
            return "redirect:/admin/users";
        }
        try {
            users.setEnabled(username, enabled);
            audit.record(user.getName(), request.getRemoteAddr(), AuditLog.Action.USER_CHANGE,
                    (enabled ? "启用" : "停用") + "用户 " + username);
            redirect.addFlashAttribute("info", "已" + (enabled ? "启用" : "停用") + "用户 " + username + "。");
        } catch (ConsoleUsers.Refused e) {
            redirect.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/admin/users";
    }
}
