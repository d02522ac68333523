package org.wasmjar.compiler.ir;

import java.util.ArrayList;
import java.util.List;
import org.wasmjar.runtime.types.FuncType;
import org.wasmjar.runtime.types.ValType;

/**
 * A function in SSA form. Values are ids {@code 0..valueCount()-1} with a type each. The entry block's
 * parameters are the function parameters. {@code blocks} is the layout order (entry first); blocks removed
 * by passes are dropped from it, so block ids need not be dense in the list: look blocks up with {@link #block(int)}.
 */
public final class IrFunction {
    public final int index;
    public final String name;
    public final FuncType type;
    private final List<ValType> valueTypes = new ArrayList<>();
    private final List<Block> byId = new ArrayList<>();
    public final List<Block> blocks = new ArrayList<>();

    public IrFunction(int index, String name, FuncType type) {
        this.index = index;
        this.name = name;
        this.type = type;
    }

    public int newValue(ValType type) {
        valueTypes.add(type);
        return valueTypes.size() - 1;
    }

    public ValType typeOf(int value) { return valueTypes.get(value); }

    public int valueCount() { return valueTypes.size(); }

    /** Creates a block; it is not placed in the layout until {@link #place(Block)}. */
    public Block newBlock() {
        Block b = new Block(byId.size());
        byId.add(b);
        return b;
    }

    public void place(Block b) { blocks.add(b); }

    public Block block(int id) { return byId.get(id); }

    public Block entry() { return blocks.get(0); }

    public int blockIdCount() { return byId.size(); }
}
