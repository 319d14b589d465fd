package cn.huizong.validation;

import java.io.IOException;

import cn.huizong.reading.FileSource;
import cn.huizong.reading.ReadFailure;

/**
 * Checks one kind of received file (tables, archives, Word documents…) and says what it holds. A failure to read
 * it may be thrown: {@link FileChecker} turns every failure into the file's one file-level issue.
 */
@FunctionalInterface
public interface KindChecker {

    ContentResult check(FileSource source, ContentSink sink) throws ReadFailure, IOException;
}
