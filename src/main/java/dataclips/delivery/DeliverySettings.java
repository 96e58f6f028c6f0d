package dataclips.delivery;

import dataclips.Settings;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The delivery settings (README, "Delivery"), read with the others into {@link Settings}: the SMTP server and the From
 * address of mails, the domains mail may go to besides users of the app, and the hosts webhooks may reach although they
 * resolve to private addresses.
 */
public record DeliverySettings(Optional<SmtpUrl> smtp, Optional<String> mailFrom, List<String> mailAllowedDomains,
                               List<String> webhookAllowHosts) {
    private static final Pattern HOST = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*"
            + "|[0-9a-f:.]+");

    public static final DeliverySettings NONE = new DeliverySettings(Optional.empty(), Optional.empty(), List.of(), List.of());

    public static DeliverySettings fromEnvironment(Map<String, String> env) {
        Optional<SmtpUrl> smtp = value(env, "DATACLIPS_SMTP_URL").map(v -> {
            try {
                return SmtpUrl.parse(v);
            } catch (IllegalArgumentException e) {
                throw new Settings.Invalid("DATACLIPS_SMTP_URL", SmtpUrl.redact(v), e.getMessage());
            }
        });
        Optional<String> from = value(env, "DATACLIPS_MAIL_FROM").map(DeliverySettings::sender);
        if (smtp.isPresent() && from.isEmpty()) {
            throw new Settings.Invalid("DATACLIPS_MAIL_FROM", "", "required with DATACLIPS_SMTP_URL: the address mails "
                    + "come from, such as \"Dataclips <dataclips@example.com>\"");
        }
        return new DeliverySettings(smtp, from, list(env, "DATACLIPS_MAIL_ALLOWED_DOMAINS", "a domain such as example.com"),
                list(env, "DATACLIPS_WEBHOOK_ALLOW_HOSTS", "a host name or IP address such as hooks.internal"));
    }

    /** Whether mail may go to an address of this domain (every domain when the setting is unset). */
    public boolean domainAllowed(String domain) {
        return mailAllowedDomains.isEmpty() || mailAllowedDomains.contains(domain.toLowerCase(Locale.ROOT));
    }

    /** Whether a webhook or Slack target on this host skips the address checks. */
    public boolean hostAllowed(String host) {
        return webhookAllowHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    private static String sender(String value) {
        try {
            InternetAddress address = new InternetAddress(value, true);
            if (address.getAddress().contains("@")) {
                return address.toUnicodeString();
            }
        } catch (AddressException ignored) {
            // reported below
        }
        throw new Settings.Invalid("DATACLIPS_MAIL_FROM", value, "expected one email address, such as "
                + "dataclips@example.com or \"Dataclips <dataclips@example.com>\"");
    }

    private static List<String> list(Map<String, String> env, String name, String expected) {
        List<String> items = value(env, name).map(v -> Arrays.stream(v.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).toList()).orElse(List.of());
        items.stream().filter(s -> !HOST.matcher(s.replaceAll("^\\[|]$", "")).matches()).findFirst().ifPresent(bad -> {
            throw new Settings.Invalid(name, env.get(name), "\"" + bad + "\" is not " + expected
                    + "; give a comma-separated list");
        });
        return items.stream().map(s -> s.replaceAll("^\\[|]$", "")).toList();
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
