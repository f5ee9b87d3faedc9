package nl.ketenbus.command.intake;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Percent-decoding of binary-mode header values (CloudEvents HTTP binding 3.1.3.2): {@code %XX}
 * sequences are UTF-8 bytes; everything else stands for itself. Not {@code URLDecoder}, which also
 * turns {@code +} into a space and would break every {@code time} with an offset of {@code +01:00}.
 */
final class PercentEncoding {

    private PercentEncoding() {
    }

    static String decode(String value, String pointer) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int index = 0; index < value.length(); index++) {
            char next = value.charAt(index);
            if (next != '%') {
                bytes.writeBytes(String.valueOf(next).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (index + 2 >= value.length() || !HexFormat.isHexDigit(value.charAt(index + 1))
                    || !HexFormat.isHexDigit(value.charAt(index + 2))) {
                throw invalid(pointer);
            }
            bytes.write(HexFormat.fromHexDigits(value, index + 1, index + 3));
            index += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw invalid(pointer);
        }
    }

    private static IntakeRefusal.RefusedException invalid(String pointer) {
        return IntakeRefusal.badRequest("invalid-attribute", "Invalid CloudEvents attribute", pointer,
                "the header value is not valid percent-encoded UTF-8").asException();
    }
}
