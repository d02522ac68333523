package org.wasmjar.tests.fuzz;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the fuzz tests keep what they found: {@code fuzz-failures/} in the build directory, beside the test classes. */
final class Failures {
    private Failures() {}

    static Path save(String name, byte[] bytes) throws IOException {
        Path testClasses;
        try {
            testClasses = Path.of(Failures.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        return Files.write(Files.createDirectories(testClasses.getParent().resolve("fuzz-failures")).resolve(name), bytes);
    }
}
