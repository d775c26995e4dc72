package io.flowstack.crds.validation;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes resource quantities ({@code 500m}, {@code 2Gi}, {@code 1e3}) as exact decimals. */
public final class Quantities {
    private static final Pattern QUANTITY =
            Pattern.compile("^([+]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))([eE][-+]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?$");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")), Map.entry("", BigDecimal.ONE),
            Map.entry("k", new BigDecimal("1e3")), Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")), Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")), Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1024L)), Map.entry("Mi", BigDecimal.valueOf(1024L * 1024)),
            Map.entry("Gi", BigDecimal.valueOf(1024L * 1024 * 1024)),
            Map.entry("Ti", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024)),
            Map.entry("Pi", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024 * 1024)),
            Map.entry("Ei", BigDecimal.valueOf(1024L * 1024 * 1024 * 1024 * 1024).multiply(BigDecimal.valueOf(1024))));

    private Quantities() {
    }

    public static BigDecimal parse(Quantity quantity) {
        return parse(text(quantity));
    }

    /** A quantity as its owner wrote it, e.g. {@code 500m}. */
    public static String text(Quantity quantity) {
        return quantity.getAmount() + (quantity.getFormat() == null ? "" : quantity.getFormat());
    }

    public static BigDecimal parse(String quantity) {
        Matcher matcher = QUANTITY.matcher(quantity == null ? "" : quantity.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("\"" + quantity + "\" is not a quantity: write it like 500m, 2 or 512Mi");
        }
        BigDecimal number = new BigDecimal(matcher.group(1).replace("+", ""));
        String suffix = matcher.group(2) == null ? "" : matcher.group(2);
        if (suffix.startsWith("e") || suffix.startsWith("E") && suffix.length() > 1) {
            return number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
        }
        return number.multiply(SUFFIXES.get(suffix));
    }
}
