package org.wasmjar.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wasmjar.compiler.CompileListener;
import org.wasmjar.compiler.artifact.ModuleJarWriter;
import org.wasmjar.hostcalls.api.HostEnvironment;
import org.wasmjar.hostcalls.api.HostcallSet;
import org.wasmjar.runtime.jar.ModuleJar;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.cli.launch.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code wasmjar compile}: a {@code .wasm} in, a module jar out (byte-identical for the same input). */
@Command(name = "compile", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = {"Compile a WebAssembly module into a module jar: the generated classes, a descriptor (imports, "
                + "exports, limits, function table, names) and the data segments. Loading the jar never parses the "
                + ".wasm again; the same input always gives the same jar, byte for byte."})
final class CompileCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.wasm", description = "The WebAssembly binary to compile.")
    private Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.jar",
            description = "Where to write the jar (default: FILE with .jar in place of .wasm).")
    private Path output;

    @Option(names = "--standalone", description = "Write a jar that runs with plain 'java -jar OUT.jar ARGS...': the "
            + "runtime and the hostcall sets inside, argv[0] the jar's name, an empty environment, no directories.")
    private boolean standalone;

    @Option(names = "--hostcalls", split = ",", paramLabel = "NAME",
            description = "With --standalone: the hostcall sets the jar links against, a comma list (default: wasi).")
    private List<String> hostcalls;

    @Option(names = "--progress", negatable = true, description = "Show how far compiling has got on one line of "
            + "stderr (default: when the console is a terminal).")
    private Boolean progress;

    @Spec private CommandSpec spec;

    @Override public Integer call() throws IOException {
        if (hostcalls != null && !standalone) throw new ParameterException(spec.commandLine(), "--hostcalls needs --standalone");
        List<String> setNames = hostcalls != null ? hostcalls : List.of(RunCommand.DEFAULT_HOSTCALLS);
        List<HostcallSet> sets = RunCommand.hostcallSets(spec, setNames);
        Path out = output != null ? output : defaultOutput(input);

        PrintWriter err = spec.commandLine().getErr();
        boolean showProgress = progress != null ? progress : System.console() != null;
        ProgressLine line = showProgress ? new ProgressLine(err) : null;
        ModuleJar module;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            module = ModuleInput.compile(input, ModuleInput.readWasm(input), Main.version(),
                    line != null ? line : CompileListener.NONE);
            if (standalone) {
                Linker linker = new Linker();
                for (HostcallSet set : sets) set.define(linker, HostEnvironment.inherit());
                if (line != null) line.clear();
                if (Runner.reportUnresolved(err, input.getFileName().toString(), sets, module.info(), linker)) return 1;
            }
            if (line != null) line.writingJar();
            ModuleJarWriter.write(module, standalone ? StandaloneJar.entries() : Map.of(),
                    standalone ? StandaloneJar.manifest(setNames) : null, bytes);
            Files.write(out, bytes.toByteArray());
        } finally {
            if (line != null) line.clear();
        }

        PrintWriter stdout = spec.commandLine().getOut();
        int defined = module.info().functionTypes().size() - module.info().importedCount(ExternKind.FUNC);
        stdout.println("wrote " + out + ": module " + module.id() + ", " + defined + " function" + (defined == 1 ? "" : "s")
                + " in " + module.classes().size() + " class" + (module.classes().size() == 1 ? "" : "es")
                + (standalone ? ", standalone" : "") + ", " + bytes.size() + " bytes");
        return 0;
    }

    /** {@code x.wasm} -> {@code x.jar} beside it; other names get {@code .jar} appended. */
    static Path defaultOutput(Path input) {
        String name = input.getFileName().toString();
        String base = name.endsWith(".wasm") ? name.substring(0, name.length() - ".wasm".length()) : name;
        return input.resolveSibling(base + ".jar");
    }
}
