package cn.huizong.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class SheetTableTest {

    @Test
    void aTableLongerThanASheetGoesOnInAContinuationSheetWithTitleAndHeader() throws Exception {
        Workbook wb = write(5, 7); // 5 rows a sheet: title, header and 3 body rows
        assertThat(wb.getNumberOfSheets()).isEqualTo(3);
        assertThat(wb.getSheetAt(1).getSheetName()).isEqualTo("表（续2）");
        assertThat(wb.getSheetAt(2).getSheetName()).isEqualTo("表（续3）");
        int body = 0;
        for (Sheet s : wb) {
            assertThat(ReportOutputs.text(s, 0, 0)).isEqualTo("标题");
            assertThat(ReportOutputs.text(s, 1, 1)).isEqualTo("内容");
            assertThat(s.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 2);
            body += s.getLastRowNum() - 1;
        }
        assertThat(body).isEqualTo(7);
        assertThat(ReportOutputs.text(wb.getSheetAt(2), 2, 0)).isEqualTo("7");
    }

    @Test
    void textThatLooksLikeAFormulaIsWrittenAsText() throws Exception {
        Workbook wb = write(100, 1);
        Sheet s = wb.getSheetAt(0);
        assertThat(s.getRow(2).getCell(1).getCellType()).isEqualTo(CellType.STRING);
        assertThat(s.getRow(2).getCell(1).getStringCellValue()).isEqualTo("=SUM(A1:A9)");
        assertThat(s.getRow(2).getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
    }

    @Test
    void rowHeightsGrowWithWrappedChineseText() {
        assertThat(TableStyle.lines("短", 10)).isEqualTo(1);
        assertThat(TableStyle.lines("案".repeat(20), 11)).isEqualTo(4); // 40 units over 10 a line
        assertThat(TableStyle.lines("一\n二\n三", 40)).isEqualTo(3);
        assertThat(TableStyle.heightFor(new Object[] {"案".repeat(20), 3}, new int[] {11, 6}))
                .isEqualTo(4 * TableStyle.LINE_POINTS + 2);
    }

    private static Workbook write(int maxRows, int rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SXSSFWorkbook wb = new SXSSFWorkbook(10)) {
            TableStyle style = new TableStyle(wb);
            SheetTable t = new SheetTable(wb, style, "表", List.of(new SheetTable.Column("序号", 6),
                    new SheetTable.Column("内容", 20)), "页脚", maxRows);
            t.begin("标题");
            for (int i = 1; i <= rows; i++) {
                t.add(i, i == 1 ? "=SUM(A1:A9)" : "第" + i + "行");
            }
            t.finish();
            wb.write(out);
            wb.dispose();
        }
        return new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()));
    }
}
