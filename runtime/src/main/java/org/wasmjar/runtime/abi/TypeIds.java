package org.wasmjar.runtime.abi;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.wasmjar.runtime.types.FuncType;

/** Canonical ids for function types, equal across modules for equal types; {@code call_indirect} compares them. */
public final class TypeIds {
    private static final ConcurrentHashMap<FuncType, Integer> IDS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger();

    private TypeIds() {}

    public static int of(FuncType type) { return IDS.computeIfAbsent(type, t -> NEXT.getAndIncrement()); }
}
