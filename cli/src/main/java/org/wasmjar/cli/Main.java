package org.wasmjar.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.wasmjar.runtime.api.WasmjarException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code wasmjar} command. Exit codes: 0 success, 1 a failure the command reports (bad module, missing file,
 * failed spec assertions), 2 a usage error; {@code run} adds the guest's own ({@link org.wasmjar.cli.launch.Runner}).
 * Errors in the input are one line on stderr, never a stack trace.
 */
@Command(name = "wasmjar", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Ahead-of-time WebAssembly to JVM bytecode compiler.",
        subcommands = {CompileCommand.class, RunCommand.class, InspectCommand.class, WastCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {
    static final String FALLBACK_VERSION = "0.1.0-SNAPSHOT";

    @Spec private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns its exit code; what it prints goes to {@code out} and {@code err}. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine command = e.getCommandLine();
            err.println("error: " + e.getMessage() + " (see '" + command.getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return command.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            String message = userError(e);
            if (message != null) {
                err.println("error: " + message);
                err.flush();
                return 1;
            }
            // Anything else is a bug in wasmjar, and its stack trace is what a bug report needs.
            err.println("internal error: " + e);
            e.printStackTrace(err);
            err.flush();
            return 1;
        });
        int exit = cli.execute(args);
        out.flush();
        err.flush();
        return exit;
    }

    /** The one-line message for an error caused by the input or the environment, or null for a bug. */
    private static String userError(Exception e) {
        if (e instanceof NoSuchFileException n) return "no such file: " + n.getFile();
        if (e instanceof WasmjarException) return e.getMessage();
        if (e instanceof IOException) return e.toString();
        if (e instanceof UncheckedIOException u) return userError(u.getCause());
        return null;
    }

    @Override public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }

    /** This wasmjar's version, e.g. {@code 0.1.0}. */
    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v != null ? v : FALLBACK_VERSION;
    }

    /** The version the shaded jar's manifest records, or the source version when run from classes. */
    static final class Version implements IVersionProvider {
        @Override public String[] getVersion() {
            return new String[] {"wasmjar " + version()};
        }
    }
}
