package org.wasmjar.cli.launch;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.wasmjar.hostcalls.api.HostEnvironment;
import org.wasmjar.hostcalls.api.HostcallSet;
import org.wasmjar.hostcalls.edge.Edge;
import org.wasmjar.hostcalls.edge.EdgeHostcallSet;
import org.wasmjar.hostcalls.wasi.WasiExit;
import org.wasmjar.runtime.api.Guest;
import org.wasmjar.runtime.api.GuestThread;
import org.wasmjar.runtime.api.HostFunction;
import org.wasmjar.runtime.api.LinkException;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.jar.ModuleJar;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.types.Export;
import org.wasmjar.runtime.types.ExternKind;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.Import;
import org.wasmjar.runtime.types.ModuleInfo;

/**
 * Runs a module as a program and says how it ended, as an exit code: 0 when {@code _start} (or the invoked
 * function) returns, the code of WASI {@code proc_exit}, {@link #TRAP_EXIT} after a trap (with {@code trap: <message>}
 * and the Wasm backtrace on {@code err}), 1 when the module cannot be linked (every missing import listed) or
 * instantiated. Guest output goes straight to the process's streams; {@code out} gets only {@code --invoke} results,
 * {@code err} only wasmjar's own messages.
 */
public final class Runner {
    /** Exit code after a trap: what a native program's abort gives (128 + SIGABRT), as wasmtime does. */
    public static final int TRAP_EXIT = 134;
    /** Backtraces of runaway recursion are long; the innermost frames are the ones that tell. */
    static final int MAX_FRAMES = 50;

    /**
     * What to run and how.
     *
     * @param programName argv[0], usually the module file's name
     * @param hostcalls   the sets imports are linked against, in order (a later set's definition wins)
     * @param args        guest arguments after argv[0]
     * @param env         the guest's whole environment
     * @param preopens    host directory -> the path the guest sees it as
     * @param invoke      the export to call instead of {@code _start}, or null
     * @param invokeArgs  its arguments as text ({@link Values#parse})
     */
    public record Settings(String programName, List<HostcallSet> hostcalls, List<String> args, Map<String, String> env,
                           Map<Path, String> preopens, String invoke, List<String> invokeArgs) {
        public Settings {
            hostcalls = List.copyOf(hostcalls);
            args = List.copyOf(args);
            invokeArgs = List.copyOf(invokeArgs);
        }
    }

    private final PrintWriter out;
    private final PrintWriter err;

    public Runner(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    /**
     * What is wrong with running {@code module} as {@code s} asks, found without running anything: an export to
     * invoke that does not exist or arguments that do not fit its type, or no {@code _start} to run; null when
     * nothing is.
     */
    public static String usageProblem(ModuleJar module, Settings s) {
        ModuleInfo info = module.info();
        if (s.invoke() == null && edgeSet(s) != null) {
            if (functionExport(info, "run") != null) return null;
            return "the module exports no run function, which --hostcalls edge calls for the request";
        }
        if (s.invoke() == null) {
            if (functionExport(info, "_start") != null || info.start() >= 0) return null;
            return "the module exports no _start function; name the function to call with --invoke";
        }
        try {
            invokeArguments(info, s.invoke(), s.invokeArgs());
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Links and runs; see the class comment for the exit code. */
    public int run(ModuleJar module, Settings s) {
        String problem = usageProblem(module, s);
        if (problem != null) return error(problem);
        ModuleInfo info = module.info();
        Object[] invokeArgs = s.invoke() == null ? null : invokeArguments(info, s.invoke(), s.invokeArgs());

        Linker linker = new Linker();
        try {
            HostEnvironment env = HostEnvironment.inherit().withArgs(argv(s)).withEnv(s.env());
            for (Map.Entry<Path, String> p : s.preopens().entrySet()) env = env.withPreopen(p.getKey(), p.getValue());
            for (HostcallSet set : s.hostcalls()) set.define(linker, env);
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
        if (reportUnresolved(err, s.programName(), s.hostcalls(), info, linker)) return 1;

        out.flush();
        err.flush();
        EdgeHostcallSet edge = edgeSet(s);
        if (edge != null && s.invoke() == null) return serve(module, linker, edge);
        try {
            Object[] results = GuestThread.run(() -> {
                Guest guest = module.instantiate(linker);
                if (s.invoke() == null) {
                    return guest.exportsFunction("_start") ? guest.call("_start") : new Object[0];
                }
                // A WASI reactor wants _initialize called once before any other export.
                if (!s.invoke().equals("_initialize") && guest.exportsFunction("_initialize")) guest.call("_initialize");
                return guest.call(s.invoke(), invokeArgs);
            });
            if (s.invoke() != null) {
                for (Object r : results) out.println(Values.format(r));
                out.flush();
            }
            return 0;
        } catch (WasiExit e) {
            return e.code();
        } catch (Trap t) {
            return trapped(t);
        } catch (LinkException e) {
            return error(e.getMessage());
        }
    }

    /**
     * Edge mode: instantiates the guest, lets its {@code run} serve the request and prints the HTTP response on
     * stdout; a guest failure has given a 500 response, and is reported like any trap.
     */
    private int serve(ModuleJar module, Linker linker, EdgeHostcallSet edge) {
        Edge.Outcome outcome;
        try {
            Guest guest = GuestThread.run(() -> module.instantiate(linker));
            outcome = edge.exchange().serve(guest.instance());
        } catch (Trap t) {
            return trapped(t);
        } catch (LinkException e) {
            return error(e.getMessage());
        }
        byte[] http = outcome.response().toHttp();
        System.out.write(http, 0, http.length);
        System.out.flush();
        if (outcome.failure() instanceof Trap t) return trapped(t);
        if (outcome.failure() != null) return error(outcome.failure().getMessage());
        return 0;
    }

    private static EdgeHostcallSet edgeSet(Settings s) {
        for (HostcallSet set : s.hostcalls()) if (set instanceof EdgeHostcallSet e) return e;
        return null;
    }

    private int trapped(Trap t) {
        err.println("trap: " + t.getMessage());
        List<String> frames = t.wasmBacktrace();
        for (int i = 0; i < Math.min(frames.size(), MAX_FRAMES); i++) err.println("  at " + i + ": " + frames.get(i));
        if (frames.size() > MAX_FRAMES) err.println("  ... " + (frames.size() - MAX_FRAMES) + " more frames");
        err.flush();
        return TRAP_EXIT;
    }

    /** argv: the program name, then the arguments. */
    private static List<String> argv(Settings s) {
        List<String> argv = new ArrayList<>(s.args().size() + 1);
        argv.add(s.programName());
        argv.addAll(s.args());
        return argv;
    }

    /**
     * Lists on {@code err} every import of {@code info} that {@code linker} (holding {@code sets}) does not provide,
     * each by module, name and type, under one {@code error:} line; returns whether there was any.
     */
    public static boolean reportUnresolved(PrintWriter err, String moduleName, List<HostcallSet> sets, ModuleInfo info,
                                           Linker linker) {
        List<Import> missing = Imports.unresolved(linker, info);
        if (missing.isEmpty()) return false;
        String names = sets.stream().map(HostcallSet::name).collect(Collectors.joining(", "));
        String by = sets.isEmpty() ? "no hostcall set was chosen"
                : sets.size() == 1 ? "hostcall set " + names + " does not provide " + (missing.size() == 1 ? "it" : "them")
                : "hostcall sets " + names + " do not provide " + (missing.size() == 1 ? "it" : "them");
        err.println("error: " + moduleName + " has " + missing.size() + " unresolved import"
                + (missing.size() == 1 ? "" : "s") + " (" + by + "):");
        for (Import imp : missing) {
            Object found = linker.lookup(imp.module(), imp.name());
            String other = found == null ? "" : " (provided as " + describe(found) + ")";
            err.println("  " + Imports.name(imp) + ": " + Imports.type(info, imp) + other);
        }
        err.flush();
        return true;
    }

    private static String describe(Object extern) {
        if (extern instanceof HostFunction h) return "func " + h.type();
        if (extern instanceof WasmFunction f) return "func " + f.type;
        return "a " + extern.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    private int error(String message) {
        err.println("error: " + message);
        err.flush();
        return 1;
    }

    /** The export's arguments parsed by its parameter types; a one-line {@link IllegalArgumentException} otherwise. */
    static Object[] invokeArguments(ModuleInfo info, String name, List<String> texts) {
        Export export = functionExport(info, name);
        if (export == null) {
            throw new IllegalArgumentException("the module exports no function named \"" + name + "\"; its function exports: "
                    + info.exports().stream().filter(e -> e.kind() == ExternKind.FUNC).map(Export::name)
                            .collect(Collectors.joining(", ")));
        }
        FuncType type = info.functionType(export.index());
        if (texts.size() != type.params().size()) {
            throw new IllegalArgumentException(name + " takes " + type.params().size() + " argument"
                    + (type.params().size() == 1 ? "" : "s") + " " + type + ", got " + texts.size());
        }
        Object[] args = new Object[texts.size()];
        for (int i = 0; i < args.length; i++) {
            try {
                args[i] = Values.parse(type.params().get(i), texts.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("argument " + (i + 1) + " of " + name + ": " + e.getMessage());
            }
        }
        return args;
    }

    private static Export functionExport(ModuleInfo info, String name) {
        for (Export e : info.exports()) if (e.kind() == ExternKind.FUNC && e.name().equals(name)) return e;
        return null;
    }
}
