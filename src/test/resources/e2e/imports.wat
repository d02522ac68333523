;; Imports the wasi set lacks (env.*) or types differently (fd_write), beside one it has (proc_exit).
;; Build: wat2wasm imports.wat
(module
  (import "env" "log" (func (param i32 i32)))
  (import "env" "memory" (memory 1))
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
  (func (export "_start")))
