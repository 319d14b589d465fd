package cn.huizong.job;

/** A file of the run whose bytes have not yet been read under the run's rules. */
record PendingFile(String contentKey, String path, String kind, String sha256, String archiveSha256,
        String memberName) {
}
