package cn.huizong.web.upload;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import cn.huizong.web.Formats;
import cn.huizong.web.ServeSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** 上传与检查: the page, and one file per POST (the page's script sends each dropped file on its own). */
@Controller
class UploadController {

    private final InboxUploads uploads;
    private final ServeSettings settings;
    private final Formats fmt;

    UploadController(InboxUploads uploads, ServeSettings settings, Formats fmt) {
        this.uploads = uploads;
        this.settings = settings;
        this.fmt = fmt;
    }

    @GetMapping("/upload")
    String page(Model model) throws IOException {
        model.addAttribute("units", settings.registry().units());
        return "upload";
    }

    /** Answers with the HTML of the file's result, added to the page's list. */
    @PostMapping("/upload")
    String upload(@RequestParam("file") MultipartFile file, @RequestParam(required = false) String receivedAt,
            @RequestParam(required = false) String unit, Authentication user, HttpServletRequest request,
            HttpServletResponse response, Model model) throws IOException {
        model.addAttribute("name", file.getOriginalFilename());
        try (InputStream in = file.getInputStream()) {
            Instant at = receivedAt == null || receivedAt.isBlank() ? null
                    : LocalDateTime.parse(receivedAt).atZone(fmt.zone()).toInstant();
            model.addAttribute("r", uploads.upload(in, file.getOriginalFilename(), unit, at, user.getName(),
                    request.getRemoteAddr()));
        } catch (DateTimeParseException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("refused", "收到时间“" + receivedAt + "”无效。");
        } catch (InboxUploads.Refused e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("refused", e.getMessage());
        }
        return "upload :: result";
    }
}
