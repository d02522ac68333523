package org.example.texthost;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import org.wasmjar.hostcalls.api.Caller;
import org.wasmjar.hostcalls.api.HostEnvironment;
import org.wasmjar.hostcalls.api.HostModule;
import org.wasmjar.hostcalls.api.HostcallSet;
import org.wasmjar.runtime.api.Invoker;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.instance.WasmFunction;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.types.FuncType;

/**
 * A hostcall set of one's own: {@code text}, four functions in import module {@code text}. Listed in
 * META-INF/services/org.wasmjar.hostcalls.api.HostcallSet, so {@code wasmjar run --hostcalls-jar text-hostcalls.jar
 * --hostcalls text,wasi} finds it by name.
 */
public final class TextHostcallSet implements HostcallSet {
    @Override public String name() { return "text"; }

    @Override public String description() { return "example: upper-case, count and walk the words of guest text, log"; }

    /**
     * Binds each function once, as a method handle with primitive parameters: a guest call reaches the method
     * directly, without reflection or boxing. The last parameter of every method is the calling instance.
     */
    @Override public void define(Linker linker, HostEnvironment env) {
        Text text = new Text(env.stderr());
        HostModule.named("text", MethodHandles.lookup())
                .function("upper", "i32 i32 ->", text, "upper")
                .function("count_words", "i32 i32 -> i32", text, "countWords")
                .function("for_each_word", "i32 i32 i32 -> i32", text, "forEachWord")
                .function("log", "i32 i32 ->", text, "log")
                .define(linker);
    }

    /** The functions, with their state (here only where logs go): one per program run. */
    static final class Text {
        /** The guest callback's type: {@code void (*)(const char *word, size_t len)}. */
        private static final FuncType WORD_CALLBACK = HostModule.type("i32 i32 ->");
        private final OutputStream log;

        Text(OutputStream log) { this.log = log; }

        /** Upper-cases the ASCII letters of [ptr, ptr+len) in place. */
        void upper(int ptr, int len, Instance caller) {
            int at = Caller.check(caller, ptr, Integer.toUnsignedLong(len), "text.upper");
            byte[] mem = caller.memory.bytes;
            for (int i = at; i < at + len; i++) if (mem[i] >= 'a' && mem[i] <= 'z') mem[i] -= 32;
        }

        int countWords(int ptr, int len, Instance caller) {
            byte[] text = Caller.read(caller, ptr, len, "text.count_words");
            int words = 0;
            for (int i = 0; i < text.length; i++) if (text[i] != ' ' && (i == 0 || text[i - 1] == ' ')) words++;
            return words;
        }

        /**
         * Calls the guest function at table index {@code callback} with each word (a pointer into the guest's own
         * text); returns the number of words. The callback is type-checked once, then called with invokeExact.
         */
        int forEachWord(int ptr, int len, int callback, Instance caller) {
            byte[] text = Caller.read(caller, ptr, len, "text.for_each_word");
            WasmFunction f = Caller.tableFunction(caller, callback, WORD_CALLBACK, "text.for_each_word");
            int words = 0;
            for (int i = 0; i < text.length; ) {
                if (text[i] == ' ') { i++; continue; }
                int start = i;
                while (i < text.length && text[i] != ' ') i++;
                try {
                    f.handle.invokeExact(ptr + start, i - start);
                } catch (Throwable t) {
                    throw Invoker.guestFailure(t);
                }
                words++;
            }
            return words;
        }

        void log(int ptr, int len, Instance caller) {
            String message = Caller.readUtf8(caller, ptr, len, "text.log");
            try {
                log.write(("[text] " + message + "\n").getBytes(StandardCharsets.UTF_8));
                log.flush();
            } catch (IOException e) {
                // a log that cannot be written does not stop the guest
            }
        }
    }
}
