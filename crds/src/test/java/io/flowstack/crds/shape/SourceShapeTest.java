package io.flowstack.crds.shape;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstack.crds.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shape of every module's main sources: no class over 300 lines, no method over 60, no block of six or more
 * lines copied from another place. Read from the sources themselves (comments and strings masked first).
 */
class SourceShapeTest {
    private static final int MAX_CLASS_LINES = 300;
    private static final int MAX_METHOD_LINES = 60;
    private static final int COPY_LINES = 6;
    /** A method or constructor header: a name and its parameters, then (after throws) the body's brace. */
    private static final Pattern METHOD = Pattern.compile(
            "(?m)^[ \\t]*(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|protected|private|static|final|synchronized|abstract"
                    + "|default)\\s+)*(?:<[^>]+>\\s+)?[\\w.<>\\[\\], ?]+?\\s+(\\w+)\\s*\\([^;{]*?\\)\\s*(?:throws\\s+[\\w., ]+)?\\{");
    private static final Pattern CONSTRUCTOR = Pattern.compile(
            "(?m)^[ \\t]*(?:(?:public|protected|private)\\s+)?([A-Z]\\w*)\\s*\\([^;{]*?\\)\\s*(?:throws\\s+[\\w., ]+)?\\{");

    @Test
    void noClassIsLongerThan300Lines() {
        List<String> long_ = new ArrayList<>();
        for (Path file : mainSources()) {
            long lines = masked(file).lines().count();
            if (lines > MAX_CLASS_LINES) {
                long_.add(relative(file) + ": " + lines + " lines");
            }
        }
        assertThat(long_).as("classes over %d lines", MAX_CLASS_LINES).isEmpty();
    }

    @Test
    void noMethodIsLongerThan60Lines() {
        List<String> long_ = new ArrayList<>();
        for (Path file : mainSources()) {
            String code = masked(file);
            for (Pattern pattern : List.of(METHOD, CONSTRUCTOR)) {
                Matcher m = pattern.matcher(code);
                while (m.find()) {
                    if (List.of("if", "for", "while", "switch", "catch", "synchronized", "try", "return", "new", "else")
                            .contains(m.group(1)) || m.group().matches("(?s).*\\b(record|class|interface|enum)\\s.*")) {
                        continue;
                    }
                    int open = m.end() - 1;
                    int close = matchingBrace(code, open);
                    int lines = lineOf(code, close) - lineOf(code, m.start()) + 1;
                    if (lines > MAX_METHOD_LINES) {
                        long_.add(relative(file) + ":" + lineOf(code, m.start()) + " " + m.group(1) + "(): " + lines
                                + " lines");
                    }
                }
            }
        }
        assertThat(long_).as("methods over %d lines", MAX_METHOD_LINES).isEmpty();
    }

    @Test
    void noBlockOfSixLinesIsCopiedBetweenMainSources() {
        Map<String, String> seen = new HashMap<>();
        List<String> copies = new ArrayList<>();
        for (Path file : mainSources()) {
            List<String> lines = new ArrayList<>();
            List<Integer> numbers = new ArrayList<>();
            String[] all = masked(file).split("\n", -1);
            for (int i = 0; i < all.length; i++) {
                String line = all[i].strip();
                if (significant(line)) {
                    lines.add(line);
                    numbers.add(i + 1);
                }
            }
            for (int i = 0; i + COPY_LINES <= lines.size(); i++) {
                String block = String.join("\n", lines.subList(i, i + COPY_LINES));
                String here = relative(file) + ":" + numbers.get(i);
                String first = seen.putIfAbsent(block, here);
                if (first != null && !first.startsWith(relative(file) + ":")) {
                    copies.add(here + " repeats " + first);
                }
            }
        }
        assertThat(copies).as("blocks of %d lines copied between main sources", COPY_LINES).isEmpty();
    }

    /** Lines that say something: not blank, not a lone brace, not an import or package line. */
    private static boolean significant(String line) {
        return !line.isEmpty() && !line.matches("[{}();,]+") && !line.startsWith("import ")
                && !line.startsWith("package ") && !line.startsWith("@Override");
    }

    private static List<Path> mainSources() {
        Path root = RepoFiles.root();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path main = module.resolve("src/main/java");
                if (Files.isDirectory(main)) {
                    try (Stream<Path> files = Files.walk(main)) {
                        files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(sources::add);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(sources).as("main sources found under %s", root).hasSizeGreaterThan(100);
        return sources;
    }

    private static String relative(Path file) {
        return RepoFiles.root().relativize(file).toString();
    }

    /** The source with comments, string and char literals replaced by spaces (line breaks kept). */
    static String masked(Path file) {
        String text = RepoFiles.read(file);
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? text.length() : end + 2;
                blank(text, i, end, out);
                i = end;
            } else if (text.startsWith("\"\"\"", i)) {
                int end = text.indexOf("\"\"\"", i + 3);
                end = end < 0 ? text.length() : end + 3;
                blank(text, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) != c && text.charAt(end) != '\n') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                out.append(c);
                blank(text, i + 1, Math.min(end, text.length()), out);
                if (end < text.length()) {
                    out.append(c);
                }
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String text, int from, int to, StringBuilder out) {
        for (int j = from; j < to; j++) {
            out.append(text.charAt(j) == '\n' ? '\n' : ' ');
        }
    }

    private static int matchingBrace(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return code.length() - 1;
    }

    private static int lineOf(String code, int index) {
        int line = 1;
        for (int i = 0; i < index && i < code.length(); i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
