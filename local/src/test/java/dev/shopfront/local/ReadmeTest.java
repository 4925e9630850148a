package dev.shopfront.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shopfront.devkit.FunctionDefinition;
import dev.shopfront.devkit.SamTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What README.md says of the code stays true: how many functions there are, and the tests it names. */
class ReadmeTest {
    private static final List<String> NUMBERS = List.of(
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
            "twenty-one",
            "twenty-two",
            "twenty-three",
            "twenty-four",
            "twenty-five");

    @Test
    void functionCount_isTheTemplates() throws IOException {
        List<FunctionDefinition> functions = SamTemplate.ofRepository().functions();
        long routed = functions.stream()
                .filter(function -> !function.routes().isEmpty())
                .count();
        Matcher said = Pattern.compile("(\\w[\\w-]*) functions: (\\w[\\w-]*) behind routes")
                .matcher(readme());

        assertTrue(said.find(), "README no longer says 'N functions: M behind routes'");
        assertEquals(functions.size(), NUMBERS.indexOf(said.group(1).toLowerCase()), said.group());
        assertEquals(routed, NUMBERS.indexOf(said.group(2).toLowerCase()), said.group());
    }

    @Test
    void everyTestItNames_exists() throws IOException {
        Set<String> named = new TreeSet<>();
        Matcher test = Pattern.compile("`(\\w+Test)`").matcher(readme());
        while (test.find()) {
            named.add(test.group(1));
        }
        Set<String> existing = new TreeSet<>();
        try (Stream<Path> files = Files.walk(RepoFiles.root(), 8)) {
            files.filter(file -> file.toString().contains("src" + java.io.File.separator + "test"))
                    .map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith("Test.java"))
                    .forEach(name -> existing.add(name.substring(0, name.length() - ".java".length())));
        }

        assertFalse(named.isEmpty(), "README names no test");
        named.removeAll(existing);
        assertEquals(Set.of(), named, "README names tests that do not exist");
    }

    private static String readme() throws IOException {
        return Files.readString(RepoFiles.root().resolve("README.md"));
    }
}
