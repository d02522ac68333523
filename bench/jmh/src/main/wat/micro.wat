;; Micro-benchmark module for the JMH suite: each export is one thing to measure.
(module
  (type $unary (func (param i32) (result i32)))
  (import "bench" "inc" (func $inc (type $unary)))
  (memory (export "memory") 1)
  (table 4 funcref)
  (elem (i32.const 0) $t0 $t1 $t2 $t3)

  (func $t0 (type $unary) (i32.add (local.get 0) (i32.const 1)))
  (func $t1 (type $unary) (i32.xor (local.get 0) (i32.const 3)))
  (func $t2 (type $unary) (i32.sub (local.get 0) (i32.const 2)))
  (func $t3 (type $unary) (i32.mul (local.get 0) (i32.const 5)))

  ;; The host calls this once per operation.
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))

  ;; A running sum over the first $n words of memory, written back: one i32 load and one store per word.
  (func (export "prefix_sum") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i32.add (local.get $acc)
                                 (i32.load (i32.shl (local.get $i) (i32.const 2)))))
        (i32.store (i32.shl (local.get $i) (i32.const 2)) (local.get $acc))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  ;; $n direct calls of $t0: the baseline for the indirect and host calls below.
  (func (export "direct_calls") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (call $t0 (local.get $acc)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  ;; $n indirect calls through the table, always entry 0: a monomorphic call site.
  (func (export "indirect_mono") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (call_indirect (type $unary) (local.get $acc) (i32.const 0)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  ;; $n indirect calls cycling through all four entries: a megamorphic call site.
  (func (export "indirect_poly") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (call_indirect (type $unary) (local.get $acc)
                                       (i32.and (local.get $i) (i32.const 3))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc))

  ;; $n calls of the imported host function: guest -> host -> guest round trips.
  (func (export "host_calls") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (call $inc (local.get $acc)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $acc)))
