package cn.huizong.reporting;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A unit's feedback as a run published it, for whoever sends it on: 反馈/&lt;unit&gt;.xlsx, the marked copies in
 * 反馈/&lt;unit&gt;/, and the letter's text as it stands at the top of the workbook.
 */
public final class FeedbackFiles {

    private FeedbackFiles() {
    }

    /** 反馈/&lt;unit&gt;.xlsx of a run folder (it may not exist: a unit without issues gets none). */
    public static Path letter(Path runFolder, String unit) {
        return runFolder.resolve(FeedbackWorkbooks.FOLDER).resolve(FileNames.safe(unit) + ".xlsx");
    }

    /** The marked copies of the unit's problem files, in name order (a hidden temp file of a copy never counts). */
    public static List<Path> markedCopies(Path runFolder, String unit) throws IOException {
        Path dir = runFolder.resolve(FeedbackWorkbooks.FOLDER).resolve(FileNames.safe(unit));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted()
                    .toList();
        }
    }

    /**
     * The letter's heading and paragraphs: the rows of the first sheet above the blank row that precedes the
     * issue table (see {@link FeedbackWorkbooks}).
     */
    public static List<String> letterText(Path letter) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(letter); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet sheet = wb.getSheetAt(0);
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                Cell c = row == null ? null : row.getCell(0);
                if (c == null || c.getStringCellValue().isEmpty()) {
                    break;
                }
                out.add(c.getStringCellValue());
            }
        }
        return out;
    }
}
