;; v128 through --invoke: arguments parsed by shape, the result printed by lanes.
(module
  (func (export "add4") (param v128 v128) (result v128)
    (i32x4.add (local.get 0) (local.get 1)))
  (func (export "sum4") (param v128) (result i32)
    (i32.add
      (i32.add (i32x4.extract_lane 0 (local.get 0)) (i32x4.extract_lane 1 (local.get 0)))
      (i32.add (i32x4.extract_lane 2 (local.get 0)) (i32x4.extract_lane 3 (local.get 0))))))
