package dataclips.delivery;

import dataclips.UserError;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * The HTTP targets of Slack and webhook subscriptions (README, "Delivery"), checked when a subscription is saved and
 * again at every connection, after DNS resolution: http(s) only, and no address of the app's own machine or network
 * (loopback, private, shared, link-local and so cloud metadata, unique-local, multicast, reserved, IPv4-mapped) unless
 * DATACLIPS_WEBHOOK_ALLOW_HOSTS names the host. {@link #addresses} is what the HTTP client connects to: the addresses
 * it checked, from its one look-up, so a name cannot resolve to a harmless address for the check and another for the
 * connection.
 */
public final class Targets {
    static final int MAX_URL = 2_000;
    /** Ranges and what to call them, first match wins. */
    private static final Map<String, String> REFUSED = new java.util.LinkedHashMap<>();

    static {
        REFUSED.put("0.0.0.0/8", "an unspecified address");
        REFUSED.put("127.0.0.0/8", "a loopback address");
        REFUSED.put("169.254.0.0/16", "a link-local address (where cloud metadata services answer)");
        REFUSED.put("10.0.0.0/8", "a private address");
        REFUSED.put("172.16.0.0/12", "a private address");
        REFUSED.put("192.168.0.0/16", "a private address");
        REFUSED.put("100.64.0.0/10", "a shared (carrier-grade NAT) address");
        REFUSED.put("192.0.0.0/24", "a reserved address");
        REFUSED.put("198.18.0.0/15", "a benchmarking address");
        REFUSED.put("168.63.129.16", "a cloud metadata address");
        REFUSED.put("224.0.0.0/4", "a multicast address");
        REFUSED.put("240.0.0.0/4", "a reserved address");
        REFUSED.put("::/127", "a loopback or unspecified address");
        REFUSED.put("64:ff9b::/96", "a NAT64 address");
        REFUSED.put("2002::/16", "a 6to4 address");
        REFUSED.put("fc00::/7", "a unique-local (private) address");
        REFUSED.put("fe80::/10", "a link-local address");
        REFUSED.put("fec0::/10", "a site-local (private) address");
        REFUSED.put("ff00::/8", "a multicast address");
    }

    private final DeliverySettings settings;
    private final List<Map.Entry<InetAddressSet, String>> refused = new ArrayList<>();

    public Targets(DeliverySettings settings) {
        this.settings = settings;
        REFUSED.forEach((range, label) -> {
            InetAddressSet set = new InetAddressSet();
            set.add(range);
            refused.add(Map.entry(set, label));
        });
    }

    /** The URL a Slack or webhook subscription may send to, or a 422 saying why not (DNS is asked now). */
    URI check(Channel channel, String url) {
        URI uri = parse(url);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (channel == Channel.SLACK && !settings.hostAllowed(host)
                && !(uri.getScheme().equals("https") && host.equals("hooks.slack.com"))) {
            throw bad("a Slack URL is an incoming webhook's, https://hooks.slack.com/services/…; other hosts only when "
                    + "DATACLIPS_WEBHOOK_ALLOW_HOSTS names them");
        }
        try {
            addresses(host, port(uri));
        } catch (IOException e) {
            throw bad(e.getMessage());
        }
        return uri;
    }

    /**
     * The addresses of host, each checked (all of them: a name may answer differently on each look-up); IOException
     * says why one is refused or why there is none.
     */
    public List<InetSocketAddress> addresses(String host, int port) throws IOException {
        String name = host.replaceAll("^\\[|]$", "").toLowerCase(Locale.ROOT);
        InetAddress[] found;
        try {
            found = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw new IOException("the host " + name + " was not found (DNS)");
        }
        List<InetSocketAddress> checked = new ArrayList<>();
        for (InetAddress address : found) {
            java.util.Optional<String> why = settings.hostAllowed(name) ? java.util.Optional.empty() : refusal(name, address);
            if (why.isPresent()) {
                throw new IOException(name + " is " + (name.equals(address.getHostAddress()) ? "" : "at "
                        + address.getHostAddress() + ", ") + why.get() + "; webhooks may not reach the app's own machine "
                        + "or network unless DATACLIPS_WEBHOOK_ALLOW_HOSTS names the host");
            }
            checked.add(new InetSocketAddress(address, port));
        }
        return checked;
    }

    /** Why this address may not be reached, if it may not. */
    private java.util.Optional<String> refusal(String name, InetAddress address) {
        if (name.contains(":") && address instanceof Inet4Address) {
            return java.util.Optional.of("an IPv4-mapped address"); // the JDK turns ::ffff:a.b.c.d into a.b.c.d
        }
        return refused.stream().filter(r -> r.getKey().test(address)).map(Map.Entry::getValue).findFirst();
    }

    private static URI parse(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            throw bad("give the URL to send to (http or https, at most " + MAX_URL + " characters)");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw bad("the URL is not valid (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw bad("only http and https URLs are sent to, not " + (scheme.isEmpty() ? "this" : scheme + ":"));
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw bad("the URL needs a host, and no user, password or #fragment");
        }
        return uri.normalize();
    }

    static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static UserError bad(String message) {
        return new UserError(422, "bad_target", message);
    }
}
