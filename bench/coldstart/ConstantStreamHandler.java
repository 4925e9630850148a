import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The floor of a stream handler: reads the event's bytes, writes a constant response. */
public final class ConstantStreamHandler implements RequestStreamHandler {
    private static final byte[] RESPONSE =
            "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\"},\"body\":\"{}\",\"isBase64Encoded\":false}"
                    .getBytes(StandardCharsets.UTF_8);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write(RESPONSE);
    }
}
