package org.wasmjar.runtime.abi;

import java.util.List;
import org.wasmjar.runtime.instance.Instance;
import org.wasmjar.runtime.types.ModuleInfo;

/** Bare instances for helper tests: the fields under test are set by each test. */
final class TestInstances {
    private TestInstances() {}

    static Instance empty() {
        return new Instance(new ModuleInfo(null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), -1, List.of(), List.of(), List.of()));
    }
}
