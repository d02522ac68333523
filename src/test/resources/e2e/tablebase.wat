;; Table 0 filled at an offset only known at instantiation (global.get of an imported global), as position-
;; independent code does. Build: wat2wasm --debug-names tablebase.wat
(module
  (import "env" "table_base" (global $base i32))
  (table 4 funcref)
  (elem (global.get $base) $one $two)
  (func $one (result i32) (i32.const 1))
  (func $two (result i32) (i32.const 2))
  (func (export "_start")))
