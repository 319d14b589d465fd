package cn.huizong.reading;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import cn.huizong.intake.FileKind;

/**
 * The bytes of a received file: a path on disk (in the evidence store), or an archive member held in memory;
 * its name as sent and the kind its name says (the bytes decide the real format).
 */
public record FileSource(String name, FileKind kind, Path path, byte[] bytes) {

    public InputStream open() {
        try {
            return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public byte[] head(int n) throws IOException {
        try (InputStream in = open()) {
            return in.readNBytes(n);
        }
    }

    SeekableByteChannel channel() throws IOException {
        return bytes != null ? new SeekableInMemoryByteChannel(bytes) : Files.newByteChannel(path, StandardOpenOption.READ);
    }

    /** The file name without folder and extension (a CSV's one sheet is named after it). */
    public String baseName() {
        String n = name.substring(name.lastIndexOf('/') + 1);
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
