package cn.huizong.mail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import cn.huizong.campaign.Campaign;
import cn.huizong.registry.Registry;
import cn.huizong.reporting.FeedbackFiles;
import cn.huizong.support.Sha256;
import cn.huizong.support.Sizes;

/**
 * send-feedback: one letter per unit with issues in a run — the letter's text as the body, 反馈/&lt;unit&gt;.xlsx
 * and its marked copies attached — to the unit's registry addresses, else to the sender of its latest file. The
 * same letter (unit and the content of its issues) is never sent twice: a nightly run that finds the same
 * problems sends nothing new.
 */
@Component
public class FeedbackMailer {

    private static final Logger log = LoggerFactory.getLogger(FeedbackMailer.class);

    private final JdbcTemplate jdbc;
    private final Environment env;

    FeedbackMailer(JdbcTemplate jdbc, Environment env) {
        this.jdbc = jdbc;
        this.env = env;
    }

    /**
     * One unit's letter and what became of it.
     *
     * @param leftOut marked copies not attached for the mail's attachment budget (named in the letter's body)
     */
    public record Item(String unit, String outcome, List<String> to, String detail, List<String> leftOut) {
    }

    public record Result(String runId, Path outbox, List<Item> items) {

        public long count(String outcome) {
            return items.stream().filter(i -> i.outcome().equals(outcome)).count();
        }
    }

    public Result run(Path output, String runAsked, Registry registry, Campaign campaign, boolean send)
            throws NoCurrentRun, IOException {
        Path out = output.toAbsolutePath().normalize();
        String runId = Letters.run(jdbc, out, runAsked);
        Path runFolder = out.resolve("runs").resolve(runId);
        if (!Files.isDirectory(runFolder)) {
            throw new NoCurrentRun("汇总运行 " + runId + " 的结果目录不存在：" + runFolder);
        }
        List<String> units = jdbc.queryForList("SELECT u.name FROM hz_unit u WHERE u.run_id = ? AND EXISTS (SELECT 1 "
                + "FROM hz_issue i WHERE i.run_id = u.run_id AND i.unit = u.name) ORDER BY u.position", String.class, runId);
        MailSettings settings = MailSettings.from(env);
        AttachmentBudget budget = new AttachmentBudget(settings.maxAttachmentBytes());
        List<Letter> letters = new ArrayList<>();
        Map<String, List<String>> leftOut = new HashMap<>();
        List<Item> missing = new ArrayList<>();
        for (String unit : units) {
            Path letter = FeedbackFiles.letter(runFolder, unit);
            if (!Files.isRegularFile(letter)) {
                missing.add(new Item(unit, "NO_LETTER", List.of(), "反馈文件不存在：" + letter, List.of()));
                continue;
            }
            AttachmentBudget.Choice files = budget.choose(letter, FeedbackFiles.markedCopies(runFolder, unit));
            if (!files.leftOut().isEmpty()) {
                leftOut.put(unit, files.leftOut().stream().map(p -> p.getFileName().toString()).toList());
                log.warn("feedback to {}: {} marked copies over the attachment budget of {} bytes are not attached: {}",
                        unit, files.leftOut().size(), budget.maxBytes(), leftOut.get(unit));
            }
            String content = contentSha(runId, unit);
            letters.add(new Letter(Letters.key("feedback", unit, content), "feedback", runId, unit, null, content,
                    Letters.recipients(jdbc, runId, unit, registry),
                    "【" + campaign.shortTitle() + "】材料报送情况反馈（" + unit + "）",
                    body(letter, files, campaign), files.attached()));
        }
        Path outbox = runFolder.resolve("outbox");
        List<Item> items = new ArrayList<>(missing);
        for (Outbox.Report r : new Outbox(jdbc, settings).deliver(letters, outbox, send)) {
            items.add(new Item(r.letter().unit(), r.outcome().name(), r.letter().to(), r.error(),
                    leftOut.getOrDefault(r.letter().unit(), List.of())));
        }
        return new Result(runId, outbox, items);
    }

    /**
     * What makes two letters the same: the unit's issues in issues.csv order (file, its bytes, place, code, text).
     * The letter's own date and the run's id are left out, so an unchanged result is not sent again.
     */
    private String contentSha(String runId, String unit) {
        StringBuilder sb = new StringBuilder();
        jdbc.query("SELECT f.path, f.sha256, i.sheet, i.excel_row, i.col, i.severity, i.code, i.message FROM hz_issue i "
                + "JOIN hz_file f ON f.run_id = i.run_id AND f.file_no = i.file_no WHERE i.run_id = ? AND i.unit = ? "
                + "ORDER BY i.file_no, i.issue_no", rs -> {
                    for (int c = 1; c <= 8; c++) {
                        sb.append(rs.getString(c)).append('\u001f');
                    }
                    sb.append('\n');
                }, runId, unit);
        return Sha256.of(sb.toString());
    }

    private static String body(Path letter, AttachmentBudget.Choice files, Campaign campaign) throws IOException {
        List<String> text = new ArrayList<>(FeedbackFiles.letterText(letter));
        StringBuilder sb = new StringBuilder(String.join("\n\n", text));
        sb.append("\n\n附件：").append(letter.getFileName()).append("（反馈意见和问题清单）");
        List<String> tables = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        List<Path> attached = files.attached();
        for (Path p : attached.subList(1, attached.size())) {
            String name = p.getFileName().toString();
            (name.toLowerCase(java.util.Locale.ROOT).endsWith(".docx") ? documents : tables).add(name);
        }
        if (!tables.isEmpty()) {
            sb.append("；标出问题单元格的原表副本：").append(String.join("、", tables));
        }
        if (!documents.isEmpty()) {
            sb.append("；在问题段落旁加了批注的文档副本：").append(String.join("、", documents));
        }
        sb.append("。");
        if (!files.leftOut().isEmpty()) {
            // the unit cannot see our 反馈 folder: the path and size let it ask for the right file
            sb.append("\n\n以下标注副本因附件总大小超过邮件限制未随信附上，请联系").append(campaign.organisation().shortName())
                    .append("获取：").append(files.leftOut().stream().map(p -> "反馈/" + p.getParent().getFileName() + "/"
                            + p.getFileName() + "（" + Sizes.human(sizeOf(p)) + "）").collect(Collectors.joining("、")))
                    .append("。");
        }
        sb.append("\n\n本邮件由汇总系统根据汇总结果发送；修改后的表格请以附件形式直接回复本邮件。\n");
        return sb.toString();
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
