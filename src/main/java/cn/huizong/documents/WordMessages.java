package cn.huizong.documents;

/**
 * The file-level codes' texts for a Word document: ENCRYPTED_FILE and UNREADABLE_FILE keep their codes, but
 * their messages tell a Word user what to do (IssueCode's texts speak of Excel workbooks).
 */
final class WordMessages {

    static final String ENCRYPTED = "文件设置了密码，无法读取。请取消密码保护（文件→信息→保护文档→用密码进行加密，清空密码）后重新发送。";

    private WordMessages() {
    }

    static String unreadable(String detail) {
        return "文件无法打开（" + detail + "），可能已损坏或未下载完整。请用 Word 或 WPS 打开确认无误后，另存为 .docx 重新发送。";
    }
}
