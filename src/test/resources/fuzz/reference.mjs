// Reference engine for DifferentialFuzzTest: runs a plan of modules and calls on node's V8 and prints what
// happened in the line format the test prints for wasmjar (see DifferentialFuzzTest.Transcript).
//
// Plan (argv[2]), one command per line:
//   module <path>                      compile and instantiate with the fuzzing-support logging imports
//   call <export> <type>:<value>... => <result type>...
//                                      arguments: i32/i64 decimal, f32/f64 raw bits in hex, funcref/externref null
//   reset <export>                     call a no-argument export, print only a trap (binaryen's hang limit reset)
//   end                                print each exported memory's size and hash
import fs from 'node:fs';

const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n');
const out = [];
const print = (s) => out.push(s);

const scratch = new DataView(new ArrayBuffer(8));
function f32Bits(x) {
  if (Number.isNaN(x)) return 'nan';
  scratch.setFloat32(0, x, true);
  return scratch.getUint32(0, true).toString(16);
}
function f64Bits(x) {
  if (Number.isNaN(x)) return 'nan';
  scratch.setFloat64(0, x, true);
  return scratch.getBigUint64(0, true).toString(16);
}

function parseArg(arg) {
  const [type, v] = arg.split(':');
  switch (type) {
    case 'i32': return Number(v) | 0;
    case 'i64': return BigInt.asIntN(64, BigInt(v));
    case 'f32': scratch.setUint32(0, parseInt(v, 16), true); return scratch.getFloat32(0, true);
    case 'f64': scratch.setBigUint64(0, BigInt('0x' + v), true); return scratch.getFloat64(0, true);
    default: return null;
  }
}

// V8's trap messages, as the kind names the test uses for wasmjar's TrapKind. V8 says "float unrepresentable" both
// where the spec says "integer overflow" and where it says "invalid conversion", so those two are one kind.
const TRAP_KINDS = [
  ['unreachable', 'unreachable'],
  ['memory access out of bounds', 'memory'],
  ['data segment out of bounds', 'memory'],
  ['divide by zero', 'div0'],
  ['remainder by zero', 'div0'],
  ['divide result unrepresentable', 'overflow'],
  ['float unrepresentable in integer range', 'overflow'],
  ['table index is out of bounds', 'table'],
  ['element segment out of bounds', 'table'],
  ['null function or function signature mismatch', 'indirect'],
  ['Maximum call stack size exceeded', 'stack'],
  // binaryen's log-v128 import: JavaScript cannot take a v128, so V8 throws where the module calls it
  ['type incompatibility when transforming from/to JS', 'v128 to JS'],
];
function trapKind(e) {
  for (const [msg, kind] of TRAP_KINDS) if (String(e.message).includes(msg)) return kind;
  return 'other(' + e.constructor.name + ': ' + e.message + ')';
}

// Floats by their bits, except NaN: JS numbers do not keep NaN payloads.
function value(v, type) {
  switch (type) {
    case 'i32': return String(v);
    case 'i64': return String(v);
    case 'f32': return 'f32:' + f32Bits(v);
    case 'f64': return 'f64:' + f64Bits(v);
    default: return v === null ? 'null' : 'ref';
  }
}

let instance = null;
const ok = () => instance !== null;

for (const line of lines) {
  if (line === '') continue;
  const words = line.split(' ');
  if (words[0] === 'module') {
    print(line);
    instance = null;
    let module;
    try {
      module = new WebAssembly.Module(fs.readFileSync(words[1]));
    } catch (e) {
      print('compile error');
      continue;
    }
    const log = (type) => (v) => print('log ' + value(v, type));
    const imports = { 'fuzzing-support': {
      'log-i32': log('i32'), 'log-i64': log('i64'), 'log-f32': log('f32'), 'log-f64': log('f64'), 'log-v128': () => {} } };
    try {
      instance = new WebAssembly.Instance(module, imports);
      print('instantiated');
    } catch (e) {
      if (e instanceof WebAssembly.LinkError) print('unlinkable');
      else if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError || e instanceof TypeError) {
        print('instantiate trap ' + trapKind(e));
      }
      else print('instantiate error ' + e);
    }
  } else if (words[0] === 'reset' && ok()) {
    try { instance.exports[words[1]](); } catch (e) { print('reset trap ' + trapKind(e)); }
  } else if (words[0] === 'call' && ok()) {
    const arrow = words.indexOf('=>');
    const args = words.slice(2, arrow).map(parseArg);
    const types = words.slice(arrow + 1);
    try {
      const r = instance.exports[words[1]](...args);
      const values = types.length > 1 ? Array.from(r) : types.length === 1 ? [r] : [];
      print('call ' + words[1] + ' ->' + values.map((v, i) => ' ' + value(v, types[i])).join(''));
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError || e instanceof TypeError) {
        print('call ' + words[1] + ' trap ' + trapKind(e));
      }
      else print('call ' + words[1] + ' error ' + e);
    }
  } else if (words[0] === 'end' && ok()) {
    for (const [name, e] of Object.entries(instance.exports)) {
      if (e instanceof WebAssembly.Memory) {
        const bytes = new Uint8Array(e.buffer);
        let h = 0x811c9dc5;
        for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
        print('memory ' + name + ' ' + (bytes.length / 65536) + ' pages, hash ' + (h >>> 0).toString(16));
      }
    }
  }
}
process.stdout.write(out.join('\n') + '\n');
