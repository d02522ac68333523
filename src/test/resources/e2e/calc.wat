;; Exports for --invoke (integers, floats, several results) and a _start that traps three calls deep.
;; Build: wat2wasm --debug-names calc.wat (the name section gives backtraces their function names).
(module $calc
  (func $fac (export "fac") (param $n i64) (result i64)
    (if (result i64) (i64.eqz (local.get $n))
      (then (i64.const 1))
      (else (i64.mul (local.get $n) (call $fac (i64.sub (local.get $n) (i64.const 1)))))))
  (func $div (export "div") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func $split (export "split") (param $x f64) (result i32 i64 f32 f64)
    (i32.trunc_f64_s (local.get $x))
    (i64.trunc_f64_u (f64.abs (local.get $x)))
    (f32.demote_f64 (local.get $x))
    (f64.neg (local.get $x)))
  (func $crash (param $depth i32)
    (if (i32.eqz (local.get $depth)) (then unreachable))
    (call $crash (i32.sub (local.get $depth) (i32.const 1))))
  (func $main (export "_start")
    (call $crash (i32.const 2))))
