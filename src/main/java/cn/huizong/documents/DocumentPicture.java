package cn.huizong.documents;

/**
 * A picture in a document, for matching the JPG files a unit sends with it (by content, then by name).
 *
 * @param paragraph paragraph number (第N段) where it first appears; 0 where unknown (.doc)
 * @param name      its name inside the document (image1.jpeg)
 * @param sha256    SHA-256 of its bytes
 * @param bytes     its size
 */
public record DocumentPicture(int paragraph, String name, String sha256, long bytes) {
}
