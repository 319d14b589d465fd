package cn.huizong.web.admin;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.huizong.registry.Names;
import cn.huizong.registry.RegistryAdditions;
import cn.huizong.registry.RegistryUnit;
import jakarta.servlet.http.HttpServletRequest;

/** 单位名册 (admin only): the registry serve reads, with a form to add an alias or a contact e-mail. */
@Controller
class RegistryController {

    private final RegistryAdmin admin;
    private final cn.huizong.web.ServeSettings settings;

    RegistryController(RegistryAdmin admin, cn.huizong.web.ServeSettings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    @GetMapping("/admin/registry")
    String registry(@RequestParam(required = false) String q, @RequestParam(required = false) String city,
            @RequestParam(required = false) String type, Model model) throws IOException {
        List<RegistryUnit> all = admin.registry().units();
        String key = q == null || q.isBlank() ? null : Names.unit(q);
        List<RegistryUnit> shown = all.stream()
                .filter(u -> city == null || city.isBlank() || city.equals(u.city()))
                .filter(u -> type == null || type.isBlank() || type.equals(u.type().code()))
                .filter(u -> key == null || Names.unit(u.name()).contains(key)
                        || u.aliases().stream().anyMatch(a -> Names.unit(a).contains(key))
                        || u.emails().stream().anyMatch(e -> e.contains(q.strip())))
                .toList();
        List<RegistryAdditions.Addition> additions = admin.additions();
        // which aliases and e-mails came from the console, so the page can mark them
        Map<String, Set<String>> added = new HashMap<>();
        for (RegistryAdditions.Addition a : additions) {
            added.computeIfAbsent(a.unit(), k -> new HashSet<>()).add(a.value());
        }
        Set<String> cities = new LinkedHashSet<>();
        all.forEach(u -> {
            if (u.city() != null && !u.city().isBlank()) {
                cities.add(u.city());
            }
        });
        model.addAttribute("units", shown);
        model.addAttribute("total", all.size());
        model.addAttribute("added", added);
        List<RegistryAdditions.Addition> newestFirst = new java.util.ArrayList<>(additions);
        java.util.Collections.reverse(newestFirst);
        model.addAttribute("additions", newestFirst);
        model.addAttribute("cities", cities);
        // the unit types as the campaign labels and orders them
        var campaign = settings.campaign();
        model.addAttribute("types", campaign.unitTypes());
        Map<String, String> typeLabels = new HashMap<>();
        campaign.unitTypes().forEach(t -> typeLabels.put(t.type().code(), t.label()));
        model.addAttribute("typeLabels", typeLabels);
        model.addAttribute("q", q);
        model.addAttribute("city", city);
        model.addAttribute("type", type);
        return "admin/registry";
    }

    @PostMapping("/admin/registry/additions")
    String add(@RequestParam String unit, @RequestParam String kind, @RequestParam String value, Authentication user,
            HttpServletRequest request, RedirectAttributes redirect) throws IOException {
        try {
            admin.add(unit, kind, value, user.getName(), request.getRemoteAddr());
            redirect.addFlashAttribute("info", "已为 " + unit.strip() + " 添加"
                    + ("email".equalsIgnoreCase(kind) ? "联系邮箱" : "别名") + "“" + value.strip() + "”，下次汇总时生效。");
        } catch (RegistryAdmin.Refused e) {
            redirect.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/admin/registry";
    }
}
