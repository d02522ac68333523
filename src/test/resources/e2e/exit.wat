;; A WASI command that ends with proc_exit(7) after writing "bye\n" to stdout.
;; Build: wat2wasm exit.wat
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "bye\n")
  (data (i32.const 0) "\10\00\00\00\04\00\00\00") ;; one iovec: 4 bytes at 16
  (func (export "_start")
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 32)))
    (call $proc_exit (i32.const 7))
    unreachable))
