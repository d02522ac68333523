package org.wasmjar.cli.launch;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.wasmjar.hostcalls.api.HostcallSet;
import org.wasmjar.hostcalls.api.HostcallSets;
import org.wasmjar.runtime.api.WasmjarException;
import org.wasmjar.runtime.jar.ModuleJar;

/**
 * The {@code Main-Class} of a standalone module jar ({@code wasmjar compile --standalone}): runs the module the jar
 * holds with the jar's own file name as argv[0], the command line as the guest's arguments, the hostcall sets the
 * manifest names ({@value #HOSTCALLS}), an empty environment and no directories. Exit codes as {@link Runner} says.
 */
public final class StandaloneMain {
    /** Manifest attribute: the hostcall sets to link against, comma separated. */
    public static final String HOSTCALLS = "Wasmjar-Hostcalls";

    private StandaloneMain() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int exit;
        try {
            exit = run(args, out, err);
        } catch (WasmjarException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            exit = 1;
        }
        out.flush();
        err.flush();
        System.exit(exit);
    }

    private static int run(String[] args, PrintWriter out, PrintWriter err) {
        Path jar = ownJar();
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (IOException e) {
            throw new WasmjarException("cannot read " + jar + ": " + e.getMessage());
        }
        Attributes main = manifest == null ? new Attributes() : manifest.getMainAttributes();
        String directory = main.getValue(ModuleJar.MODULE_DIRECTORY);
        if (directory == null) throw new WasmjarException(jar + " holds no wasmjar module");
        ModuleJar module = ModuleJar.fromClasspath(StandaloneMain.class.getClassLoader(), directory);
        List<HostcallSet> sets = new ArrayList<>();
        String names = main.getValue(HOSTCALLS);
        if (names != null) {
            for (String name : names.split(",")) if (!name.isBlank()) sets.add(HostcallSets.find(name.strip()));
        }
        Runner.Settings settings = new Runner.Settings(jar.getFileName().toString(), sets, List.of(args), Map.of(),
                Map.of(), null, List.of());
        return new Runner(out, err).run(module, settings);
    }

    /** The jar this class was loaded from. */
    private static Path ownJar() {
        CodeSource source = StandaloneMain.class.getProtectionDomain().getCodeSource();
        try {
            if (source != null) return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            // reported below
        }
        throw new WasmjarException("cannot tell which jar the standalone launcher runs from");
    }
}
