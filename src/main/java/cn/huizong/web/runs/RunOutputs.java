package cn.huizong.web.runs;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.springframework.stereotype.Component;

import cn.huizong.app.RunService;
import cn.huizong.app.RunStatus;
import cn.huizong.web.WebErrors;

/**
 * The files a run published ({@code <output>/runs/<runId>/}: csv/, 省级汇总表.xlsx, 反馈/…), for downloading.
 * Only files inside a run folder are ever served: a path that is absolute, holds {@code ..} or otherwise leaves
 * the folder is refused (400) before anything is opened.
 */
@Component
public class RunOutputs {

    private static final Pattern RUN_ID = Pattern.compile("[0-9A-Za-z][0-9A-Za-z_-]{0,39}");
    static final String FEEDBACK = "反馈";

    private final RunService runs;

    RunOutputs(RunService runs) {
        this.runs = runs;
    }

    /** The run's status (latest accepted); 400 for a run id that cannot be one. */
    public Optional<RunStatus> status(String runId) {
        if (!RUN_ID.matcher(runId == null ? "" : runId).matches()) {
            throw new WebErrors.BadPath("运行编号“" + runId + "”无效。");
        }
        return runs.status(runId);
    }

    /** The folder holding the run's outputs: its own, or for an unchanged rerun the run it repeated. */
    public Optional<Path> folder(String runId) {
        Optional<RunStatus> s = status(runId);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        RunStatus run = s.get();
        String output = run.outputDir();
        if (output == null && run.dataRunId() != null && !run.dataRunId().equals(run.runId())) {
            output = runs.status(run.dataRunId()).map(RunStatus::outputDir).orElse(null);
        }
        if (output == null || run.dataRunId() == null) {
            return Optional.empty();
        }
        Path folder = Path.of(output).resolve("runs").resolve(run.dataRunId()).toAbsolutePath().normalize();
        return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
    }

    /** Every file of the run folder, relative with '/', sorted. */
    public List<String> list(String runId) throws IOException {
        Optional<Path> folder = folder(runId);
        if (folder.isEmpty()) {
            return List.of();
        }
        Path root = folder.get();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The file at a relative path in the run's folder, or empty when there is none.
     *
     * @throws WebErrors.BadPath when the path leaves the folder, or could
     */
    public Optional<Path> file(String runId, String relative) throws IOException {
        Path folder = checked(runId, relative);
        if (folder == null) {
            return Optional.empty();
        }
        Path target = folder.resolve(relative).normalize();
        if (!target.startsWith(folder) || !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        // links are not followed out of the folder either
        if (!target.toRealPath().startsWith(folder.toRealPath())) {
            throw new WebErrors.BadPath("下载路径无效：只能下载运行结果文件夹中的文件。");
        }
        return Optional.of(target);
    }

    private Path checked(String runId, String relative) {
        String r = relative == null ? "" : relative;
        boolean bad = r.isBlank() || r.startsWith("/") || r.startsWith("\\") || r.contains("\\") || r.indexOf('\0') >= 0
                || r.matches("^[A-Za-z]:.*") || Stream.of(r.split("/")).anyMatch(s -> s.equals("..") || s.equals("."));
        if (bad) {
            throw new WebErrors.BadPath("下载路径“" + r + "”无效：只能下载运行结果文件夹中的文件。");
        }
        return folder(runId).orElse(null);
    }

    /** Whether the run published feedback letters. */
    public boolean hasFeedback(String runId) {
        return folder(runId).map(f -> Files.isDirectory(f.resolve(FEEDBACK))).orElse(false);
    }

    /** All of 反馈/ as one zip, names inside under 反馈/ (UTF-8 names, which Windows 10+ and WinRAR read). */
    public void zipFeedback(String runId, OutputStream out) throws IOException {
        Path folder = folder(runId).orElseThrow(() -> new WebErrors.BadPath("该运行没有可下载的结果。"));
        Path feedback = folder.resolve(FEEDBACK);
        try (ZipOutputStream zip = new ZipOutputStream(out, java.nio.charset.StandardCharsets.UTF_8);
                Stream<Path> files = Files.walk(feedback)) {
            for (Path p : (Iterable<Path>) files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted()::iterator) {
                zip.putNextEntry(new ZipEntry(folder.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, zip);
                zip.closeEntry();
            }
        }
    }
}
