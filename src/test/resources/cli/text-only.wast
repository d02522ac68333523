;; Only a text-format module, which the runner skips: exercises the CLI without the compiler.
(assert_malformed (module quote "(func") "unexpected token")
