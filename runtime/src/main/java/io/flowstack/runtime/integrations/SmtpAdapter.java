package io.flowstack.runtime.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstack.crds.v1alpha1.integration.Integration;
import io.flowstack.runtime.engine.StepFailure;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** smtp sendMail: params to (one address or a list), subject, text and optionally html; from and server in config. */
final class SmtpAdapter {
    private SmtpAdapter() {
    }

    /** Connects to the mail server and logs in when credentials are given; sends nothing. */
    static String check(Integration integration, Credentials credentials, Duration timeout) throws StepFailure {
        Map<String, String> config = integration.getSpec().config;
        Session session = Session.getInstance(properties(config, credentials, timeout));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(config.get("host"), Integer.parseInt(config.get("port")),
                    credentials.get("username").orElse(null), credentials.get("password").orElse(null));
            return "connected to " + config.get("host") + ":" + config.get("port");
        } catch (MessagingException e) {
            throw new StepFailure("connecting to " + config.get("host") + ":" + config.get("port") + " failed: "
                    + e.getMessage(), true);
        }
    }

    private static Properties properties(Map<String, String> config, Credentials credentials, Duration timeout) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", config.get("host"));
        properties.put("mail.smtp.port", config.get("port"));
        properties.put("mail.smtp.auth", Boolean.toString(credentials.get("username").isPresent()));
        properties.put("mail.smtp.starttls.enable", config.getOrDefault("starttls", "true"));
        properties.put("mail.smtp.starttls.required", config.getOrDefault("starttls", "true"));
        String millis = Long.toString(timeout.toMillis());
        properties.put("mail.smtp.connectiontimeout", millis);
        properties.put("mail.smtp.timeout", millis);
        properties.put("mail.smtp.writetimeout", millis);
        return properties;
    }

    static JsonNode sendMail(Integration integration, ObjectNode params, Credentials credentials, Duration timeout)
            throws StepFailure {
        Map<String, String> config = integration.getSpec().config;
        Session session = Session.getInstance(properties(config, credentials, timeout));
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(config.get("from")));
            message.setRecipients(Message.RecipientType.TO, recipients(params.path("to")));
            message.setSubject(params.path("subject").asText(""), "UTF-8");
            if (params.hasNonNull("html")) {
                message.setContent(params.get("html").asText(), "text/html; charset=UTF-8");
            } else {
                message.setText(params.path("text").asText(""), "UTF-8");
            }
            message.saveChanges();
            Transport.send(message, credentials.get("username").orElse(null), credentials.get("password").orElse(null));
            ObjectNode output = JsonNodeFactory.instance.objectNode();
            output.put("messageId", message.getMessageID());
            return output;
        } catch (AddressException e) {
            throw new StepFailure("not a valid e-mail address: " + e.getRef(), false);
        } catch (SendFailedException e) {
            throw new StepFailure("the mail server refused the message: " + e.getMessage(), false);
        } catch (MessagingException e) {
            throw new StepFailure("sending mail through " + config.get("host") + ":" + config.get("port") + " failed: "
                    + e.getMessage(), true);
        }
    }

    private static InternetAddress[] recipients(JsonNode to) throws AddressException, StepFailure {
        List<InternetAddress> addresses = new ArrayList<>();
        if (to.isArray()) {
            for (JsonNode address : to) {
                addresses.add(new InternetAddress(address.asText(), true));
            }
        } else if (to.isTextual() && !to.asText().isBlank()) {
            addresses.add(new InternetAddress(to.asText(), true));
        }
        if (addresses.isEmpty()) {
            throw new StepFailure("sendMail needs params.to", false);
        }
        return addresses.toArray(InternetAddress[]::new);
    }
}
