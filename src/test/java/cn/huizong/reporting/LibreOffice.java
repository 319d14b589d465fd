package cn.huizong.reporting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** LibreOffice headless, for proving that a real office suite opens what we write (tests only). */
final class LibreOffice {

    private LibreOffice() {
    }

    /** soffice on the PATH or where Debian installs it; null when absent. */
    static Path find() {
        return which("soffice", List.of("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice",
                "/opt/libreoffice/program/soffice"));
    }

    static Path which(String command, List<String> usual) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, command);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return usual.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    }

    /**
     * Converts one workbook to PDF with its own user profile (a shared one locks, and a first start writes it),
     * killing soffice if it hangs.
     */
    static Path toPdf(Path soffice, Path workbook, Path outDir, Path profile, long timeout, TimeUnit unit)
            throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        Path log = outDir.resolve("soffice.log");
        Process p = new ProcessBuilder(soffice.toString(), "-env:UserInstallation=" + profile.toUri(), "--headless",
                "--norestore", "--convert-to", "pdf", "--outdir", outDir.toString(), workbook.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(timeout, unit)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("soffice did not finish within " + timeout + " " + unit);
        }
        String name = workbook.getFileName().toString();
        Path pdf = outDir.resolve(name.substring(0, name.lastIndexOf('.')) + ".pdf");
        if (p.exitValue() != 0 || !Files.exists(pdf)) {
            throw new AssertionError("soffice failed (exit " + p.exitValue() + "): " + Files.readString(log));
        }
        return pdf;
    }

    /** Pages of a PDF as LibreOffice writes it (page objects are not compressed). */
    static int pageCount(byte[] pdf) {
        Matcher m = Pattern.compile("/Type\\s*/Page(?![s\\w])").matcher(new String(pdf, StandardCharsets.ISO_8859_1));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The PDF's text via pdftotext, or null where poppler-utils is absent. */
    static String pdfText(Path pdf) throws IOException, InterruptedException {
        Path tool = which("pdftotext", List.of("/usr/bin/pdftotext"));
        if (tool == null) {
            return null;
        }
        Path txt = pdf.resolveSibling(pdf.getFileName() + ".txt");
        Process p = new ProcessBuilder(tool.toString(), "-enc", "UTF-8", pdf.toString(), txt.toString())
                .redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            return null;
        }
        return Files.readString(txt, StandardCharsets.UTF_8);
    }
}
