import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.wasmjar.hostcalls.api.HostEnvironment;
import org.wasmjar.hostcalls.api.HostcallSets;
import org.wasmjar.runtime.api.Guest;
import org.wasmjar.runtime.api.GuestThread;
import org.wasmjar.runtime.api.Trap;
import org.wasmjar.runtime.jar.FunctionTable;
import org.wasmjar.runtime.jar.ModuleJar;
import org.wasmjar.runtime.link.Linker;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/**
 * Embedding a module jar in a Java program: load plugin.jar (compiled from plugin.c by {@code wasmjar compile}), link
 * its WASI imports, ask the guest for an operation by name (it answers with a C function pointer, i.e. an index
 * into its function table) and call that function by its table index, type-checked, from Java.
 *
 * <pre>java -cp wasmjar.jar:. Embed plugin.jar</pre>
 */
public final class Embed {
    /** The C type {@code int (*)(int, int)} in WebAssembly. */
    static final FuncType BINOP = new FuncType(List.of(ValType.I32, ValType.I32), List.of(ValType.I32));

    public static void main(String[] args) {
        // 1. Load: reads the classes and the descriptor from the jar; the .wasm is never parsed again.
        ModuleJar plugin = ModuleJar.open(Path.of(args[0]));

        // The jar exports its function table: index -> function, with its type and name.
        FunctionTable table = plugin.functionTable();
        System.out.println("function table: size " + table.size());
        for (FunctionTable.Entry e : table.entries()) {
            System.out.println("  [" + e.index() + "] " + e.name() + " " + e.type());
        }

        // 2. Link: the plugin imports WASI (for printf); take it from the "wasi" hostcall set. Other instances
        //    would be added with linker.register("name", guest.instance()).
        Linker linker = new Linker();
        HostcallSets.find("wasi").define(linker, HostEnvironment.inherit());

        // 3. Instantiate and call, on a thread with a big stack as guest code may recurse deeply.
        GuestThread.run(() -> {
            Guest guest = plugin.instantiate(linker);
            guest.call("_initialize"); // a WASI reactor's constructors

            for (String name : List.of("mul", "pow", "nope")) {
                int index = lookup(guest, name);
                if (index == 0) {
                    System.out.println(name + ": the plugin has no such operation (NULL)");
                    continue;
                }
                // 4. Host-to-guest call by table index, checked: index in bounds, function of type BINOP.
                int result = (Integer) guest.callTableEntry(index, BINOP, 6, 7)[0];
                System.out.println(name + " is table entry " + index + " (" + table.entry(index).name() + "): "
                        + name + "(6, 7) = " + result);
            }

            // The same function pointer used inside the guest, through its call_indirect.
            guest.call("apply", lookup(guest, "sub"), 6, 7);

            // The checks: a function of another type, and an index past the end of the table.
            int greeter = (Integer) guest.call("greeter")[0];
            for (int index : new int[] {greeter, guest.tableSize()}) {
                try {
                    guest.callTableEntry(index, BINOP, 1, 2);
                } catch (Trap t) {
                    System.out.println("calling entry " + index + " as " + BINOP + ": trap: " + t.getMessage());
                }
            }
            return null;
        });
    }

    /** The plugin's operation {@code name}: the name goes into guest memory, a table index comes back. */
    static int lookup(Guest guest, String name) {
        byte[] text = (name + "\0").getBytes(StandardCharsets.UTF_8);
        int buffer = (Integer) guest.call("alloc", text.length)[0];
        guest.write(buffer, text);
        int index = (Integer) guest.call("find_op", buffer)[0];
        guest.call("release", buffer);
        return index;
    }
}
