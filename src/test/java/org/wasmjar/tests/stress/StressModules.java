package org.wasmjar.tests.stress;

import java.io.ByteArrayOutputStream;

/**
 * Generates valid modules that stress code generation limits: one enormous function, and very many
 * small ones. Each exports functions whose results the test can compute independently.
 */
public final class StressModules {
    private StressModules() {}

    /**
     * One function {@code big(i32) -> i32} of about {@code instructions} operators: a long chain that
     * updates two locals, with nested blocks and a small loop every so often.
     * Its result is {@link #bigExpected(int, int)}.
     */
    public static byte[] bigFunction(int instructions) {
        Bytes body = new Bytes();
        body.u32(1).u32(2).b(0x7F); // two extra i32 locals: acc, i
        int emitted = 0;
        int step = 0;
        while (emitted < instructions) {
            // acc = acc * 31 + (param ^ step)
            body.b(0x20).u32(1).b(0x41).s32(31).b(0x6C)
                .b(0x20).u32(0).b(0x41).s32(step).b(0x73).b(0x6A).b(0x21).u32(1);
            emitted += 8;
            if (step % 50 == 49) {
                // block (block (acc = acc + 1; br_if 1 (acc & 1); acc = acc ^ 3)) loop-free nesting
                body.b(0x02).b(0x40).b(0x02).b(0x40)
                    .b(0x20).u32(1).b(0x41).s32(1).b(0x6A).b(0x21).u32(1)
                    .b(0x20).u32(1).b(0x41).s32(1).b(0x71).b(0x0D).u32(1)
                    .b(0x20).u32(1).b(0x41).s32(3).b(0x73).b(0x21).u32(1)
                    .b(0x0B).b(0x0B);
                emitted += 16;
            }
            if (step % 200 == 199) {
                // i = 0; loop { acc = acc + i; i = i + 1; br_if 0 (i < 4) }
                body.b(0x41).s32(0).b(0x21).u32(2)
                    .b(0x03).b(0x40)
                    .b(0x20).u32(1).b(0x20).u32(2).b(0x6A).b(0x21).u32(1)
                    .b(0x20).u32(2).b(0x41).s32(1).b(0x6A).b(0x22).u32(2)
                    .b(0x41).s32(4).b(0x48).b(0x0D).u32(0)
                    .b(0x0B);
                emitted += 16;
            }
            step++;
        }
        body.b(0x20).u32(1).b(0x0B);
        return module(1, "big", body.toByteArray(), false);
    }

    /**
     * One function {@code switch(i32) -> i32} whose {@code br_table} has {@code targets} distinct targets:
     * it returns its argument when that is below {@code targets - 1}, else {@code targets - 1} (the default).
     */
    public static byte[] wideBrTable(int targets) {
        Bytes body = new Bytes();
        body.u32(0);
        for (int i = 0; i < targets; i++) body.b(0x02).b(0x40);
        body.b(0x20).u32(0).b(0x0E).u32(targets - 1);
        for (int i = 0; i < targets; i++) body.u32(i);
        for (int i = 0; i < targets; i++) body.b(0x0B).b(0x41).s32(i).b(0x0F);
        body.b(0x41).s32(-1).b(0x0B);
        return module(1, "switch", body.toByteArray(), false);
    }

    /** What {@code big(param)} returns, computed in Java with the same steps. */
    public static int bigExpected(int instructions, int param) {
        int acc = 0;
        int emitted = 0;
        int step = 0;
        while (emitted < instructions) {
            acc = acc * 31 + (param ^ step);
            emitted += 8;
            if (step % 50 == 49) {
                acc = acc + 1;
                if ((acc & 1) == 0) acc = acc ^ 3;
                emitted += 16;
            }
            if (step % 200 == 199) {
                for (int i = 0; i < 4; i++) acc += i;
                emitted += 16;
            }
            step++;
        }
        return acc;
    }

    /**
     * {@code count} functions {@code (i32) -> i32}; function k returns {@code param + k}, and each calls the
     * next one's neighbour so calls cross class boundaries. Exports "f0" and the last as "last".
     * Function k (k > 0) computes {@code param + k}; function 0 computes {@code f1(param) - 1 + 0}... kept simple:
     * every function is {@code param + k}, and function 0 additionally adds {@code call (count-1) (param)}.
     */
    public static byte[] manyFunctions(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out);
        section(out, 1, new Bytes().u32(1).b(0x60).u32(1).b(0x7F).u32(1).b(0x7F));
        Bytes funcs = new Bytes().u32(count);
        for (int i = 0; i < count; i++) funcs.u32(0);
        section(out, 3, funcs);
        Bytes exports = new Bytes().u32(2);
        exports.name("f0").b(0x00).u32(0);
        exports.name("last").b(0x00).u32(count - 1);
        section(out, 7, exports);
        Bytes code = new Bytes().u32(count);
        for (int i = 0; i < count; i++) {
            Bytes body = new Bytes().u32(0).b(0x20).u32(0).b(0x41).s32(i).b(0x6A);
            if (i == 0) body.b(0x20).u32(0).b(0x10).u32(count - 1).b(0x6A);
            body.b(0x0B);
            byte[] b = body.toByteArray();
            code.u32(b.length).raw(b);
        }
        section(out, 10, code);
        return out.toByteArray();
    }

    /**
     * {@code count} functions {@code (i32) -> i32} in one table, the one at entry k returning {@code param * 3 + k}, and
     * {@code dispatch(index, param)}, a {@code call_indirect} of table entry {@code index}.
     */
    public static byte[] manyTableFunctions(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out);
        section(out, 1, new Bytes().u32(2).b(0x60).u32(1).b(0x7F).u32(1).b(0x7F)
                .b(0x60).u32(2).b(0x7F).b(0x7F).u32(1).b(0x7F));
        Bytes funcs = new Bytes().u32(count + 1).u32(1);
        for (int i = 0; i < count; i++) funcs.u32(0);
        section(out, 3, funcs);
        section(out, 4, new Bytes().u32(1).b(0x70).b(0x00).u32(count));
        section(out, 7, new Bytes().u32(1).name("dispatch").b(0x00).u32(0));
        Bytes elem = new Bytes().u32(1).u32(0).b(0x41).s32(0).b(0x0B).u32(count);
        for (int i = 0; i < count; i++) elem.u32(i + 1);
        section(out, 9, elem);
        Bytes code = new Bytes().u32(count + 1);
        byte[] dispatch = new Bytes().u32(0).b(0x20).u32(1).b(0x20).u32(0).b(0x11).u32(0).u32(0).b(0x0B).toByteArray();
        code.u32(dispatch.length).raw(dispatch);
        for (int i = 0; i < count; i++) {
            byte[] b = new Bytes().u32(0).b(0x20).u32(0).b(0x41).s32(3).b(0x6C).b(0x41).s32(i).b(0x6A).b(0x0B).toByteArray();
            code.u32(b.length).raw(b);
        }
        section(out, 10, code);
        return out.toByteArray();
    }

    private static byte[] module(int extraParams, String exportName, byte[] body, boolean unused) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        header(out);
        section(out, 1, new Bytes().u32(1).b(0x60).u32(1).b(0x7F).u32(1).b(0x7F));
        section(out, 3, new Bytes().u32(1).u32(0));
        section(out, 7, new Bytes().u32(1).name(exportName).b(0x00).u32(0));
        section(out, 10, new Bytes().u32(1).u32(body.length).raw(body));
        return out.toByteArray();
    }

    private static void header(ByteArrayOutputStream out) {
        out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00});
    }

    private static void section(ByteArrayOutputStream out, int id, Bytes content) {
        byte[] c = content.toByteArray();
        out.write(id);
        out.writeBytes(new Bytes().u32(c.length).toByteArray());
        out.writeBytes(c);
    }

    /** A growable byte buffer with LEB128 writers. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes b(int v) { out.write(v); return this; }

        Bytes raw(byte[] v) { out.writeBytes(v); return this; }

        Bytes u32(long v) {
            do {
                int x = (int) (v & 0x7F);
                v >>>= 7;
                out.write(v != 0 ? x | 0x80 : x);
            } while (v != 0);
            return this;
        }

        Bytes s32(int v) {
            while (true) {
                int x = v & 0x7F;
                v >>= 7;
                boolean done = (v == 0 && (x & 0x40) == 0) || (v == -1 && (x & 0x40) != 0);
                out.write(done ? x : x | 0x80);
                if (done) return this;
            }
        }

        Bytes name(String s) {
            byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return u32(b.length).raw(b);
        }

        byte[] toByteArray() { return out.toByteArray(); }
    }
}
