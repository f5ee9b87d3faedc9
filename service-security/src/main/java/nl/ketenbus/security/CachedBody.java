package nl.ketenbus.security;

import java.io.ByteArrayInputStream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The request with its body already read. The wrapper lets go of the body once it has been read to
 * its end: a request can wait for seconds after that (an intake batch waits for its lanes' commits),
 * and a body of up to megabytes held for that long outlives the young generation and fills the old
 * one (issue 21: under an overload, arrays of a batch body's size were most of what a 512 MB command
 * node promoted; letting go of the body here and of its copy in the intake cut them by two thirds).
 * As the servlet API promises, a body is read once; a second reader after the end finds it empty.
 */
final class CachedBody extends HttpServletRequestWrapper {

    private static final byte[] READ = new byte[0];

    private final int length;
    private byte[] body;

    CachedBody(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
        this.length = body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return atEnd(in.read());
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return atEnd(in.read(buffer, offset, length));
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("synchronous reads only");
            }
        };
    }

    private int atEnd(int read) {
        if (read == -1) {
            body = READ;
        }
        return read;
    }

    @Override
    public int getContentLength() {
        return length;
    }

    @Override
    public long getContentLengthLong() {
        return length;
    }
}
