package nl.ketenbus.importtool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A file of newline-delimited CloudEvents cut into chunks of {@code chunkEvents} lines (the last may
 * hold fewer), each chunk exactly the bytes of its lines as they stand in the file, with its SHA-256;
 * and the manifest, the SHA-256 over the chunks' digests in lowercase hexadecimal, each followed by a
 * newline. The command service computes the same from what it receives, so sealing proves that
 * every chunk arrived as cut. Read once, in one pass, without holding the file in memory.
 */
record Cut(Path file, int chunkEvents, long events, List<Chunk> chunks) {

    /** One chunk: where it lies in the file, how many lines it holds, its digest. */
    record Chunk(int number, long offset, int length, int events, String digest) {
    }

    private static final int BUFFER = 1 << 20;

    static Cut of(Path file, int chunkEvents) throws IOException {
        List<Chunk> chunks = new ArrayList<>();
        MessageDigest digest = sha256();
        long offset = 0;
        long chunkStart = 0;
        int linesInChunk = 0;
        boolean lineOpen = false;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                int from = 0;
                for (int i = 0; i < read; i++) {
                    lineOpen = buffer[i] != '\n';
                    if (buffer[i] == '\n' && ++linesInChunk == chunkEvents) {
                        digest.update(buffer, from, i + 1 - from);
                        from = i + 1;
                        long end = offset + i + 1;
                        chunks.add(chunk(chunks.size(), chunkStart, end, linesInChunk, digest));
                        chunkStart = end;
                        linesInChunk = 0;
                    }
                }
                digest.update(buffer, from, read - from);
                offset += read;
            }
        }
        if (lineOpen) {
            linesInChunk++;
        }
        if (linesInChunk > 0) {
            chunks.add(chunk(chunks.size(), chunkStart, offset, linesInChunk, digest));
        }
        long events = chunks.stream().mapToLong(Chunk::events).sum();
        return new Cut(file, chunkEvents, events, List.copyOf(chunks));
    }

    String manifest() {
        StringBuilder digests = new StringBuilder();
        chunks.forEach(chunk -> digests.append(chunk.digest()).append('\n'));
        return HexFormat.of().formatHex(sha256().digest(digests.toString().getBytes(StandardCharsets.US_ASCII)));
    }

    /** The chunk's bytes, read from the file when they are sent. */
    byte[] bytesOf(Chunk chunk) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(chunk.length());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, chunk.offset() + bytes.position()) < 0) {
                    throw new IOException(file + " is shorter than when it was cut: was it changed?");
                }
            }
        }
        return bytes.array();
    }

    private static Chunk chunk(int number, long start, long end, int events, MessageDigest digest) throws IOException {
        long length = end - start;
        if (length > Integer.MAX_VALUE) {
            throw new IOException("chunk " + number + " is larger than 2 GB: choose fewer events per chunk");
        }
        return new Chunk(number, start, (int) length, events, HexFormat.of().formatHex(digest.digest()));
    }

    /** The SHA-256 of these bytes, in lowercase hexadecimal, as a chunk's digest is written. */
    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
