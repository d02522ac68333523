// Reference validator for ValidationDifferentialTest: for each path listed in argv[2] (one a line), prints "ok" when
// node's V8 validates the module and "bad" when it does not.
import fs from 'node:fs';

const out = [];
for (const path of fs.readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (path === '') continue;
  let ok;
  try {
    ok = WebAssembly.validate(fs.readFileSync(path));
  } catch (e) {
    ok = false;
  }
  out.push(ok ? 'ok' : 'bad');
}
process.stdout.write(out.join('\n') + '\n');
