package cn.huizong.reading;

import java.io.IOException;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;

/** Opens xlsx packages that are not files: archive members and decrypted workbooks, both held in memory. */
public final class OoxmlPackages {

    private OoxmlPackages() {
    }

    public static OPCPackage open(byte[] bytes) throws IOException, InvalidFormatException {
        InMemoryZipSource source = InMemoryZipSource.open(bytes);
        try {
            return OPCPackage.open(source);
        } catch (InvalidFormatException | RuntimeException e) {
            source.close();
            throw e;
        }
    }
}
