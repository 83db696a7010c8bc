// The Python snapshot's memory is stored as its difference from the memory Pyodide's WebAssembly
// starts with, which is the wasm file's data segments (Python's static data: about 3 MB, hardly
// changed by start-up) and zeros: byte by byte, XOR. Unchanged static data becomes zeros, which
// gzip takes to almost nothing; the snapshot shrinks from about 6.1 MB to 3.6. XOR is its own
// inverse: the same call makes the stored form (site_build/make_snapshot.mjs) and restores the
// memory (the tool's worker, and site_build/pyodide_decide.mjs for the parity test).
//
// `snapshot`: Pyodide's snapshot (makeMemorySnapshot's layout: a header whose second 32-bit word
// is where the memory starts, then the memory), changed in place. `wasm`: the bytes of the
// pyodide.asm.wasm the snapshot was made with. Throws on a wasm this code cannot read.

const DATA_SECTION = 11;
const I32_CONST = 0x41;
const END = 0x0b;

// A LEB128 number at `at`: [value, where the next field starts]. `signed`: a 32-bit signed one
// (an i32.const offset), returned as the unsigned address it is.
function leb128(bytes, at, signed = false) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  if (signed && byte & 0x40) value -= 2 ** shift;
  return [signed ? value >>> 0 : value, at];
}

// Where each active data segment goes in memory: [{memoryOffset, start, end}] (start and end in
// `wasm`), from the WebAssembly binary format's data section.
function dataSegments(wasm) {
  if (wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) {
    throw new Error("not a WebAssembly file");
  }
  const segments = [];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    let size;
    [size, at] = leb128(wasm, at + 1);
    if (id === DATA_SECTION) {
      let count;
      let p;
      [count, p] = leb128(wasm, at);
      for (let i = 0; i < count; i++) {
        let flags;
        [flags, p] = leb128(wasm, p);
        if (flags === 2) [, p] = leb128(wasm, p); // an explicit memory index
        let memoryOffset = null;
        if (flags !== 1) { // 1: passive, copied only when the code asks
          if (wasm[p] !== I32_CONST) throw new Error("a data segment's offset is not a constant");
          [memoryOffset, p] = leb128(wasm, p + 1, true);
          if (wasm[p++] !== END) throw new Error("a data segment's offset is not a constant");
        }
        let length;
        [length, p] = leb128(wasm, p);
        if (memoryOffset !== null) segments.push({ memoryOffset, start: p, end: p + length });
        p += length;
      }
    }
    at += size;
  }
  if (!segments.length) throw new Error("the WebAssembly file has no data segments");
  return segments;
}

export function xorWithStartingMemory(snapshot, wasm) {
  const memoryStart = new DataView(snapshot.buffer, snapshot.byteOffset, 8).getUint32(4, true);
  for (const { memoryOffset, start, end } of dataSegments(wasm)) {
    const at = memoryStart + memoryOffset;
    if (at + (end - start) > snapshot.length) throw new Error("the snapshot is shorter than the memory");
    for (let i = start, j = at; i < end; i++, j++) snapshot[j] ^= wasm[i];
  }
  return snapshot;
}
