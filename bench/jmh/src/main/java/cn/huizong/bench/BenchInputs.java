package cn.huizong.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import cn.huizong.campaign.Campaign;
import cn.huizong.campaign.CampaignLoader;
import cn.huizong.registry.Registry;
import cn.huizong.registry.RegistryUnit;
import cn.huizong.registry.UnitType;

/**
 * The benchmark inputs, every xlsx with a shared-strings table (as Excel and WPS save them):
 * <ul>
 * <li>{@code workbook FILE ROWS}: one 附件1 of 郑州市教育局, ROWS data rows under the notice's title rows, unit
 * line and header; four of the eight columns unique in every row (enterprise, both contacts with valid mobiles,
 * needs), 举措 every 5 rows, 推进情况 every 40, so 200,000 rows hold about 845,000 distinct strings. Every row is
 * valid: a run accepts all of them.</li>
 * <li>{@code campaign DIR FILES ROWS}: the shape of the test fixture GeneratedCampaign (one file per registry
 * unit, bureaus send 附件1 of ROWS rows, universities 附件5, then revised files; numeric phones, date cells,
 * a sprinkling of errors), but all xlsx with shared strings.</li>
 * </ul>
 * Deterministic for given arguments; prints what it wrote (files, data rows, distinct strings).
 */
public final class BenchInputs {

    /** Received well before every deadline, so that no run judges anything late. */
    static final String RECEIVED = "2025-12-01T10:00:00";

    static final List<String> PAIRING_HEADER = List.of("教育行政部门\n（学校）", "包联产业园区\n（企业）名称",
            "产业园区（企业）\n联系人及联系方式", "教育行政部门（学校）\n包保负责人及联系方式", "产业园区（企业）\n需求",
            "出台政策和\n工作举措", "工作推进情况", "完成时限");
    static final List<String> CASES_HEADER = List.of("序号", "案例名称", "案例简介（限200字以内）", "申报单位", "单位类型",
            "联系人", "联系方式");

    // distinct characters: a row number written in them is a Chinese name no other row has
    private static final char[] POOL = distinct("华中原豫嵩洛汴宛商许昌鹤焦濮漯周驻信平安新开封黄河伏牛太行淮源龙凤祥瑞鑫泰恒达宏博创智联"
            + "科能材电机铝钢纺药食农汽铁航港金银山水云天明光远盛兴隆德");
    private static final String[] SURNAMES = {"张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "马",
        "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"};
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文斌宇浩凯晨";
    private static final String[] MOBILE_A = {"138", "139", "137", "136", "135", "150", "151", "152", "158", "159",
        "186", "187", "188", "189", "177", "199"};
    private static final String[] MOBILE_B = {"130", "131", "132", "155", "156", "185", "176", "133", "153", "180",
        "181", "189", "173", "147", "166", "198"};
    private static final String[] DISTRICTS = {"中原区", "二七区", "管城回族区", "金水区", "上街区", "惠济区", "中牟县",
        "巩义市", "荥阳市", "新密市", "新郑市", "登封市"};
    private static final String[] DEADLINES = {"2026年6月30日", "2026年12月31日", "2026年底", "2026年上半年", "长期"};
    private static final String[] STAGES = {"一", "二", "三", "四", "五", "六", "七", "八", "九"};

    private BenchInputs() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "workbook" -> {
                int rows = Integer.parseInt(args[2]);
                int unique = workbook(Path.of(args[1]), rows);
                System.out.println("files=1 rows=" + rows + " unique_strings=" + unique);
            }
            case "campaign" -> {
                long[] written = campaign(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
                System.out.println("files=" + written[0] + " rows=" + written[1] + " unique_strings=" + written[2]);
            }
            default -> {
                System.err.println("usage: BenchInputs workbook FILE ROWS | campaign DIR FILES ROWS_PER_PAIRING_FILE");
                System.exit(2);
            }
        }
    }

    /** @return the number of distinct strings in the shared-strings table */
    public static int workbook(Path file, int rows) throws Exception {
        int unique;
        try (SharedStringsXlsx x = SharedStringsXlsx.create(file, "附件1")) {
            pairingTitle(x, "郑州市教育局");
            for (int i = 0; i < rows; i++) {
                x.row("郑州市" + DISTRICTS[i % DISTRICTS.length] + "教育局",
                        "郑州" + code(i) + words(i, 1, 2) + "智能装备制造有限公司",
                        person(i) + " " + mobile(MOBILE_A, i, 7),
                        person(i + 17) + " " + mobile(MOBILE_B, i, 13),
                        "围绕" + code(i) + "生产线" + words(i, 2, 12) + "改造，急需数控、焊接等高技能人才",
                        "与" + code(i / 5) + "共建产业学院，" + words(i / 5, 3, 16) + "，开设订单班并共享实训基地",
                        "已签订校企合作协议，" + code(i / 40) + "项目进入第" + STAGES[(i / 40) % STAGES.length] + "阶段，"
                                + words(i / 40, 4, 20),
                        DEADLINES[i % DEADLINES.length]);
            }
            unique = x.uniqueStrings();
        }
        receivedAt(file, RECEIVED);
        return unique;
    }

    /** @return files, data rows and distinct strings (summed over files) written */
    public static long[] campaign(Path inbox, int files, int pairingRows) throws Exception {
        List<RegistryUnit> units = Registry.load(Path.of("input/registry.csv")).units();
        Campaign shipped = CampaignLoader.load(Path.of("jobs/jiaoyu-zhuqi-2025.yml")); // the 单位类型 labels
        long rowsWritten = 0;
        long unique = 0;
        for (int i = 0; i < files; i++) {
            RegistryUnit u = units.get(i % units.size());
            int version = i / units.size();
            String folder = u.name() + (version == 0 ? "" : "/第" + (version + 1) + "次报送");
            boolean city = u.type() == UnitType.CITY;
            Path file = inbox.resolve(folder + "/" + (city ? "附件1" : "附件5") + ".xlsx");
            List<List<Object>> rows = new ArrayList<>();
            if (city) {
                for (int k = 0; k < pairingRows; k++) {
                    rows.add(Arrays.asList(u.city() + "第" + (k % 9 + 1) + "县教育局", u.city() + "第" + k + "号产业园区（企业）",
                            "联系人" + k + " " + (13800000000L + i * 1000L + k), k % 50 == 7 ? "待定" : (Object) (13900000000L + k),
                            "需求" + k, "举措" + k, "进展" + k, k % 3 == 0 ? LocalDate.of(2026, 6, 30) : "2026年底"));
                }
            } else {
                int n = 1 + i % 7;
                for (int k = 1; k <= n; k++) {
                    rows.add(Arrays.asList(k, u.name() + "案例" + k + (version > 0 ? "（修订）" : ""), "简介" + k, u.name(),
                            shipped.typeLabel(u.type()), "联系人" + k, k == 4 ? "电话待定" : "1370000000" + k));
                }
            }
            try (SharedStringsXlsx x = SharedStringsXlsx.create(file, city ? "附件1" : "附件5")) {
                if (city) {
                    pairingTitle(x, u.name());
                } else {
                    x.row("附件5");
                    x.row("教育助企典型案例汇总表");
                    x.row("推荐单位：" + u.name() + "（公章）  填报人及联系方式：王芳 0371-65550000");
                    x.row(CASES_HEADER);
                }
                for (List<Object> r : rows) {
                    x.row(r);
                }
                unique += x.uniqueStrings();
            }
            rowsWritten += rows.size();
            receivedAt(file, "2025-12-0" + (1 + version % 8) + "T10:" + String.format("%02d", i % 60) + ":00");
        }
        return new long[] {files, rowsWritten, unique};
    }

    private static void pairingTitle(SharedStringsXlsx x, String unit) throws Exception {
        x.row("附件1");
        x.row("各地（校）结对包联情况汇总表");
        x.row("填报单位：" + unit + "（公章）        填报人及联系方式：李明 13700000000");
        x.row(PAIRING_HEADER);
        x.merge("A2:H2");
    }

    /** n written in the character pool, at least three characters long. */
    static String code(int n) {
        StringBuilder sb = new StringBuilder();
        int v = n;
        do {
            sb.append(POOL[v % POOL.length]);
            v /= POOL.length;
        } while (v > 0 || sb.length() < 3);
        return sb.toString();
    }

    /**
     * n pseudo-random CJK characters for row i and column c: text that compresses about as badly as real
     * write-ups do, so the file's size and the inflating work are those of a real submission.
     */
    static String words(int i, int c, int n) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(i * 31L + c);
        char[] out = new char[n];
        for (int k = 0; k < n; k++) {
            out[k] = (char) (0x4E00 + r.nextInt(0x9FA5 - 0x4E00 + 1));
        }
        return new String(out);
    }

    private static String person(int i) {
        return SURNAMES[i % SURNAMES.length] + GIVEN.charAt((i / SURNAMES.length) % GIVEN.length())
                + (i % 3 == 0 ? "" : String.valueOf(GIVEN.charAt((i / 7) % GIVEN.length())));
    }

    /** A valid mobile unique per row: multiplying by a number prime to 10^8 keeps the last eight digits apart. */
    private static String mobile(String[] prefixes, int i, int multiplier) {
        return prefixes[i % prefixes.length] + String.format("%08d", (i * (long) multiplier + 1_234_567L) % 100_000_000L);
    }

    static void receivedAt(Path file, String localDateTime) throws Exception {
        Files.setLastModifiedTime(file, FileTime.from(LocalDateTime.parse(localDateTime)
                .atZone(ZoneId.of("Asia/Shanghai")).toInstant()));
    }

    private static char[] distinct(String s) {
        return s.chars().distinct().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString().toCharArray();
    }
}
