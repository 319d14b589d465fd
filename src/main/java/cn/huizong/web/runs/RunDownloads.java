package cn.huizong.web.runs;

import java.io.IOException;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import cn.huizong.web.audit.AuditLog;

/** Sends a run's output files (pages and API alike), each download audited. */
@Component
public class RunDownloads {

    private final RunOutputs outputs;
    private final AuditLog audit;

    RunDownloads(RunOutputs outputs, AuditLog audit) {
        this.outputs = outputs;
        this.audit = audit;
    }

    /** The file, 404 when the run or the file is not there, 400 (WebErrors.BadPath) for a path leaving the folder. */
    public ResponseEntity<Resource> file(String runId, String relative, String user, String address) throws IOException {
        Path file = outputs.file(runId, relative).orElse(null);
        if (file == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        audit.record(user, address, AuditLog.Action.DOWNLOAD, "运行 " + runId + "：" + relative);
        String name = file.getFileName().toString();
        return ResponseEntity.ok().contentType(type(name)).contentLength(Files.size(file))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(name)).body(new FileSystemResource(file));
    }

    /** All of the run's 反馈/ as one zip. */
    public ResponseEntity<StreamingResponseBody> feedbackZip(String runId, String user, String address) {
        if (!outputs.hasFeedback(runId)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        audit.record(user, address, AuditLog.Action.DOWNLOAD, "运行 " + runId + "：反馈（全部，zip）");
        String name = "反馈-" + outputs.status(runId).map(s -> s.dataRunId()).orElse(runId) + ".zip";
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(name))
                .body(out -> outputs.zipFeedback(runId, out));
    }

    static String attachment(String name) {
        return ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString();
    }

    private static MediaType type(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".csv")) {
            return MediaType.parseMediaType("text/csv;charset=UTF-8");
        }
        if (lower.endsWith(".xlsx")) {
            return MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        }
        String guess = URLConnection.guessContentTypeFromName(name);
        return guess == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(guess);
    }
}
