package cn.huizong.validation;

/** Where a file's rows and issues go as they are found, so that no file is ever held in memory whole. */
public interface ContentSink {

    void row(StagedRow row);

    void issue(Issue issue);

    /** Forgets every row and issue received so far (the file was abandoned half-way). */
    default void discard() {
    }
}
