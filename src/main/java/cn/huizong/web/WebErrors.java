package cn.huizong.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.ModelAndView;

import cn.huizong.support.ReadLimits;
import cn.huizong.support.Sizes;
import jakarta.servlet.http.HttpServletRequest;

/** Errors every page and the API share: a file over the size limit (413), a path out of a run folder (400). */
@ControllerAdvice
public class WebErrors {

    /** A request for something outside what may be served (a path escaping a run folder). */
    public static final class BadPath extends RuntimeException {
        public BadPath(String message) {
            super(message);
        }
    }

    private final ReadLimits limits;

    WebErrors(ReadLimits limits) {
        this.limits = limits;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(HttpServletRequest request) {
        String limit = Sizes.human(limits.maxFileBytes());
        if (isApi(request)) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Map.of("message",
                    "文件超过大小上限（" + limit + "），未保存。"));
        }
        ModelAndView mv = new ModelAndView("error/413", HttpStatus.CONTENT_TOO_LARGE);
        mv.addObject("limitText", limit);
        return mv;
    }

    @ExceptionHandler(BadPath.class)
    Object badPath(BadPath e, HttpServletRequest request) {
        if (isApi(request)) {
            return ResponseEntity.badRequest().body(Map.of("message", e.getMessage()));
        }
        ModelAndView mv = new ModelAndView("error", HttpStatus.BAD_REQUEST);
        mv.addObject("status", 400);
        mv.addObject("message", e.getMessage());
        return mv;
    }

    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }
}
