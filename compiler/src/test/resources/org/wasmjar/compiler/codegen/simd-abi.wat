;; Exercises v128 at every boundary of the calling convention and the frame of split functions:
;; parameters, results, multi-value results, direct and indirect calls, an imported host function,
;; globals, select, block and loop parameters, locals (zero-initialised) and memory.
(module
  (type $bin (func (param v128 v128) (result v128)))
  ;; the host swaps the two 64-bit halves
  (import "host" "swap" (func $swap (param v128) (result v128)))
  (memory (export "mem") 1)
  (global $g (export "g") (mut v128) (v128.const i32x4 1 2 3 4))
  (table 2 funcref)
  (elem (i32.const 0) $add $sub)

  (func $add (type $bin) (i32x4.add (local.get 0) (local.get 1)))
  (func $sub (type $bin) (i32x4.sub (local.get 0) (local.get 1)))

  ;; sum of the first n i32 values in memory (n a multiple of 4), with a vector accumulator
  (func (export "sum") (param $n i32) (result i32)
    (local $acc v128) (local $i i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i32x4.add (local.get $acc) (v128.load (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $l)))
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
      (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))

  (func (export "apply") (param $k i32) (param $a v128) (param $b v128) (result v128)
    (call_indirect (type $bin) (local.get $a) (local.get $b) (local.get $k)))

  (func $multi (export "multi") (param $a v128) (param $x i32) (result v128 i32 v128)
    (local.get $a) (local.get $x) (call $swap (local.get $a)))

  ;; multi(a, x) = (a, x, swap(a)); returns (a + swap(a)) with lane 0 replaced by x
  (func (export "use_multi") (param $a v128) (param $x i32) (result v128)
    (local $x2 i32) (local $b v128)
    (call $multi (local.get $a) (local.get $x))
    (local.set $b)
    (local.set $x2)
    (i32x4.replace_lane 0 (i32x4.add (local.get $b)) (local.get $x2)))

  (func (export "pick") (param v128 v128 i32) (result v128)
    (select (local.get 0) (local.get 1) (local.get 2)))

  (func (export "bump") (result v128)
    (global.set $g (i32x4.add (global.get $g) (i32x4.splat (i32.const 1))))
    (global.get $g))

  ;; v to the power n + 1, lane-wise, with the vector as a loop parameter
  (func (export "pow") (param $v v128) (param $n i32) (result v128)
    (local.get $v)
    (block $out (param v128) (result v128)
      (loop $l (param v128) (result v128)
        (br_if $out (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (i32x4.mul (local.get $v))
        (br $l))))

  ;; stores v at address a and reads it back as two i64 lanes swapped
  (func (export "roundtrip") (param $a i32) (param $v v128) (result v128)
    (v128.store (local.get $a) (local.get $v))
    (i64x2.replace_lane 1
      (i64x2.replace_lane 0 (v128.const i64x2 0 0) (i64.load offset=8 (local.get $a)))
      (i64.load (local.get $a))))

  ;; a zero-initialised v128 local
  (func (export "zero") (result v128) (local $z v128) (local.get $z))

  ;; 16-byte stores as halves and (after a lane-wise i32 add) as quarters; one that traps must write nothing
  (func (export "store_halves") (param $a i32) (param $v v128) (v128.store offset=4 (local.get $a) (local.get $v)))
  (func (export "store_quarters") (param $a i32) (param $v v128)
    (v128.store offset=4 (local.get $a) (i32x4.add (local.get $v) (local.get $v))))
)
