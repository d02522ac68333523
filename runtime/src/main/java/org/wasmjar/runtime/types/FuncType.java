package org.wasmjar.runtime.types;

import java.util.List;

/** A function signature: parameter and result types. */
public record FuncType(List<ValType> params, List<ValType> results) {
    public FuncType { params = List.copyOf(params); results = List.copyOf(results); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < params.size(); i++) sb.append(i == 0 ? "" : " ").append(params.get(i));
        sb.append(") -> (");
        for (int i = 0; i < results.size(); i++) sb.append(i == 0 ? "" : " ").append(results.get(i));
        return sb.append(')').toString();
    }
}
