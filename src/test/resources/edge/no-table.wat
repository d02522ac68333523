;; A guest whose linker dropped the function table: init_mm's indices point nowhere.
(module
  (import "env" "hostcall_init_mm" (func $init_mm (param i32 i32)))
  (memory (export "memory") 1)
  (func (export "run") (call $init_mm (i32.const 1) (i32.const 2))))
