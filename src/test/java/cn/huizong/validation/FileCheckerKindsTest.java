package cn.huizong.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.CampaignLoader;
import cn.huizong.intake.FileKind;
import cn.huizong.reading.FileSource;
import cn.huizong.reading.ReadFailure;
import cn.huizong.registry.Registry;
import cn.huizong.support.ReadLimits;

/**
 * FileChecker hands each kind of file to its checker: tables to the table checker, Word documents to the one
 * registered from the layer above (recorded as documents until then), archives and unknown kinds to their own;
 * whatever a checker throws becomes the file's one file-level issue.
 */
class FileCheckerKindsTest {

    @TempDir
    static Path dir;

    static FileChecker checker;

    @BeforeAll
    static void load() throws Exception {
        Campaign campaign = CampaignLoader.load(Path.of("jobs/jiaoyu-zhuqi-2025.yml"));
        checker = new FileChecker(campaign, Registry.load(Path.of("input/registry.csv")), ReadLimits.DEFAULT);
    }

    @Test
    void aWordDocumentIsRecordedAsADocumentUntilADocumentCheckerIsRegistered() throws Exception {
        FileSource doc = source("郑州大学典型案例.docx", FileKind.DOCUMENT, "not really a docx");
        assertThat(checker.check(doc, new Collected()).template()).isEqualTo("document");

        FileChecker withDocuments = checker.with(FileKind.DOCUMENT,
                (source, sink) -> new ContentResult("writeup", List.of("writeup"), null, null, 0, null));
        assertThat(withDocuments.check(doc, new Collected()).template()).isEqualTo("writeup");
        // the tables are still read by the table checker
        FileSource csv = source("郑州大学-典型案例.csv", FileKind.CSV,
                "序号,案例名称,案例简介,申报单位,单位类型,联系人,联系方式\n1,案例甲,简介,郑州大学,双一流,张三,13800000000\n");
        ContentResult table = withDocuments.check(csv, new Collected());
        assertThat(table.template()).isEqualTo("cases");
        assertThat(table.rowsRead()).isEqualTo(1);
    }

    @Test
    void aFailureThrownByAKindCheckerBecomesTheFilesIssueWithItsPlace() throws Exception {
        FileChecker failing = checker.with(FileKind.DOCUMENT, (source, sink) -> {
            throw new ReadFailure(ReadFailure.Reason.ENCRYPTED, "加密的 Word 文档", "正文", 3, "B", null);
        });
        ContentResult r = failing.check(source("方案.docx", FileKind.DOCUMENT, "x"), new Collected());
        assertThat(r.failure().code()).isEqualTo(IssueCode.ENCRYPTED_FILE);
        assertThat(r.failure().sheet()).isEqualTo("正文");
        assertThat(r.failure().row()).isEqualTo(3);
        assertThat(r.failure().column()).isEqualTo("B");
    }

    @Test
    void unsupportedKindsAndEmptyTablesAreRejectedWithTheirReason() throws Exception {
        ContentResult exe = checker.check(source("报表.exe", FileKind.UNSUPPORTED, "MZ"), new Collected());
        assertThat(exe.failure().code()).isEqualTo(IssueCode.UNSUPPORTED_FORMAT);
        assertThat(exe.failure().message()).contains(".exe");

        ContentResult empty = checker.check(source("附件1.xlsx", FileKind.SPREADSHEET, ""), new Collected());
        assertThat(empty.failure().code()).isEqualTo(IssueCode.UNREADABLE_FILE);
        assertThat(empty.failure().message()).contains("文件为空");
    }

    private static FileSource source(String name, FileKind kind, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content, java.nio.charset.Charset.forName("GBK"));
        return new FileSource(name, kind, file, null);
    }

    private static final class Collected implements ContentSink {
        final List<StagedRow> rows = new ArrayList<>();
        final List<Issue> issues = new ArrayList<>();

        @Override
        public void row(StagedRow row) {
            rows.add(row);
        }

        @Override
        public void issue(Issue issue) {
            issues.add(issue);
        }
    }
}
