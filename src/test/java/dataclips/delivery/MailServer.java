package dataclips.delivery;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server for the delivery tests (SubEthaSMTP, from Maven Central): plain, STARTTLS required or TLS from the
 * first byte, with AUTH when a user is given. It keeps each message it accepts, with its envelope recipient, and reads
 * them back as a mail client would (Jakarta Mail's MimeMessage over the received bytes).
 */
public final class MailServer implements AutoCloseable {
    /** One accepted message: the envelope's sender and recipient and the bytes as received. */
    public record Received(String from, String to, byte[] data) {
        public MimeMessage parsed() {
            try {
                return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(data));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    enum Security { PLAIN, STARTTLS, TLS }

    private final SMTPServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private MailServer(SMTPServer server) {
        this.server = server;
    }

    public static MailServer plain() {
        return start(Security.PLAIN, null, null, null);
    }

    /** tls: the server's certificate (required for STARTTLS and TLS); user and password: AUTH required when given. */
    static MailServer start(Security security, SSLContext tls, String user, String password) {
        MailServer[] self = new MailServer[1];
        SMTPServer.Builder builder = SMTPServer.port(0).hostName("localhost").simpleMessageListener(
                new org.subethamail.smtp.helper.SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return true;
                    }

                    @Override
                    public void deliver(String from, String recipient, InputStream data) throws IOException {
                        self[0].received.add(new Received(from, recipient, data.readAllBytes()));
                    }
                });
        if (user != null) {
            builder.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((u, p, context) -> {
                if (!u.equals(user) || !p.equals(password)) {
                    throw new org.subethamail.smtp.auth.LoginFailedException();
                }
            })).requireAuth();
        }
        if (security == Security.STARTTLS) {
            builder.startTlsSocketFactory(tls).requireTLS();
        } else if (security == Security.TLS) {
            builder.serverSocketFactory(tls);
        }
        SMTPServer server = builder.build();
        self[0] = new MailServer(server);
        server.start();
        return self[0];
    }

    public int port() {
        return server.getPortAllocated();
    }

    /** The messages accepted so far, in order. */
    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Waits (at most 60 s) until at least count messages were accepted; answers them all. */
    public List<Received> await(int count) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (received.size() < count && System.currentTimeMillis() < deadline) {
            dataclips.TestDatabase.sleep(100);
        }
        if (received.size() < count) {
            throw new AssertionError("the SMTP server got " + received.size() + " messages, expected " + count);
        }
        return received();
    }

    void clear() {
        received.clear();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
