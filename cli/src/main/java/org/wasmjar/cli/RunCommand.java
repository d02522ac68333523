package org.wasmjar.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wasmjar.cli.launch.Runner;
import org.wasmjar.hostcalls.api.HostcallSet;
import org.wasmjar.hostcalls.api.HostcallSets;
import org.wasmjar.hostcalls.edge.EdgeHostcallSet;
import org.wasmjar.runtime.jar.ModuleJar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wasmjar run}: runs a module jar, or a {@code .wasm} compiled in memory, as a program ({@link Runner} has
 * the exit codes). Options that configure one hostcall set belong in a picocli {@code @Mixin} of their own, added
 * here and applied in {@link #hostcallSets()}, so each set's options stay together.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = {"Run a module jar, or a .wasm (compiled in memory first). Calls _start, or the function "
                + "--invoke names (printing each result on its own line).",
                "Guest output passes through untouched; wasmjar's own messages go to stderr. Exit code: the guest's "
                + "proc_exit code; 134 after a trap (its message and WebAssembly backtrace on stderr); 1 when imports "
                + "are missing (each listed) or the module is unusable; 2 for a usage error."},
        footer = {"", "Arguments after '--' always go to the guest; without --invoke, every ARGS does.",
                "With --hostcalls edge (and no --invoke), the guest's run function serves one HTTP request and the "
                        + "response is printed; a trap gives a 500 response, the trap on stderr and exit code 134."})
final class RunCommand implements Callable<Integer> {
    static final String DEFAULT_HOSTCALLS = "wasi";

    @Parameters(index = "0", paramLabel = "FILE", description = "A module jar or a .wasm file.")
    private Path file;

    @Parameters(index = "1..*", paramLabel = "ARGS",
            description = "Arguments of the --invoke function, or else of the guest program (argv[0] is FILE's name).")
    private List<String> rest = new ArrayList<>();

    @Option(names = "--hostcalls", split = ",", paramLabel = "NAME",
            description = "Hostcall sets to link imports against, a comma list, e.g. wasi,edge (default: wasi).")
    private List<String> hostcalls = new ArrayList<>(List.of(DEFAULT_HOSTCALLS));

    @Option(names = "--invoke", paramLabel = "FUNC",
            description = "Call this exported function instead of _start (after _initialize, if exported).")
    private String invoke;

    @Option(names = "--dir", paramLabel = "HOST[::GUEST]",
            description = "Let the guest reach directory HOST, under the path GUEST (default: HOST as written). Repeatable.")
    private List<String> dirs = new ArrayList<>();

    @Option(names = "--env", paramLabel = "K=V",
            description = "Set a guest environment variable; the guest sees only these. Repeatable.")
    private Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--hostcalls-jar", paramLabel = "JAR",
            description = "A jar holding hostcall sets of your own (found with ServiceLoader), to name in --hostcalls. Repeatable.")
    private List<Path> hostcallJars = new ArrayList<>();

    @Mixin private EdgeOptions edge;

    @Spec private CommandSpec spec;

    @Override public Integer call() throws IOException {
        Map<Path, String> preopens = preopens();
        List<HostcallSet> sets = hostcallSets();
        List<String> guestArgs = new ArrayList<>(), invokeArgs = new ArrayList<>();
        splitArgs(guestArgs, invokeArgs);

        ModuleJar module = ModuleInput.load(file, Main.version());
        Runner.Settings settings = new Runner.Settings(file.getFileName().toString(), sets, guestArgs, env, preopens,
                invoke, invokeArgs);
        String problem = Runner.usageProblem(module, settings);
        if (problem != null) throw new ParameterException(spec.commandLine(), problem);
        return new Runner(spec.commandLine().getOut(), spec.commandLine().getErr()).run(module, settings);
    }

    /** The sets {@code --hostcalls} names, in order, each configured by its own options. */
    private List<HostcallSet> hostcallSets() {
        boolean edgeChosen = hostcalls.stream().anyMatch(n -> n.strip().equals(EdgeHostcallSet.NAME));
        if (edge.given() && !edgeChosen) {
            throw new ParameterException(spec.commandLine(), "--request, --header and --body need --hostcalls edge");
        }
        ClassLoader loader;
        try {
            loader = HostcallSets.withJars(hostcallJars);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<HostcallSet> sets = new ArrayList<>();
        for (String name : hostcalls) {
            if (name.strip().equals(EdgeHostcallSet.NAME)) {
                try {
                    sets.add(edge.hostcallSet());
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
                continue;
            }
            sets.add(find(spec, name, loader));
        }
        return sets;
    }

    /** The named sets; an unknown name is a usage error listing the known ones. */
    static List<HostcallSet> hostcallSets(CommandSpec spec, List<String> names) {
        List<HostcallSet> sets = new ArrayList<>();
        for (String name : names) sets.add(find(spec, name, HostcallSets.class.getClassLoader()));
        return sets;
    }

    private static HostcallSet find(CommandSpec spec, String name, ClassLoader loader) {
        try {
            return HostcallSets.find(name.strip(), loader);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * With {@code --invoke}, the positional arguments before {@code --} are the function's and those after it the
     * guest's; without, all are the guest's. Picocli drops the {@code --}, so count what followed it.
     */
    private void splitArgs(List<String> guestArgs, List<String> invokeArgs) {
        if (invoke == null) {
            guestArgs.addAll(rest);
            return;
        }
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        int delimiter = original.indexOf("--");
        int afterDelimiter = delimiter < 0 ? 0 : Math.min(original.size() - delimiter - 1, rest.size());
        invokeArgs.addAll(rest.subList(0, rest.size() - afterDelimiter));
        guestArgs.addAll(rest.subList(rest.size() - afterDelimiter, rest.size()));
    }

    private Map<Path, String> preopens() {
        Map<Path, String> preopens = new LinkedHashMap<>();
        for (String d : dirs) {
            int split = d.indexOf("::");
            String host = split < 0 ? d : d.substring(0, split);
            String guest = split < 0 ? d : d.substring(split + 2);
            if (host.isEmpty() || guest.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--dir " + d + ": expected HOST or HOST::GUEST");
            }
            Path path = Path.of(host);
            if (!Files.isDirectory(path)) throw new ParameterException(spec.commandLine(), "--dir " + d + ": " + host + " is no directory");
            preopens.put(path, guest);
        }
        return preopens;
    }
}
