#!/usr/bin/env node
import { createRequire as __flbCreateRequire } from 'node:module';
const require = __flbCreateRequire(import.meta.url);

// src/parse/fingerprint.ts
import { createHash } from "node:crypto";
var FINGERPRINT_FRAMES = 6;
var ALLOCATORS = /* @__PURE__ */ new Set([
  "malloc",
  "calloc",
  "realloc",
  "reallocarray",
  "free",
  "memalign",
  "posix_memalign",
  "aligned_alloc",
  "valloc",
  "pvalloc",
  "malloc_usable_size"
]);
var CLONE_SUFFIX = /(?:\.(?:constprop|isra|part|cold|lto_priv|localalias|clone)(?:\.\d+)*)+$/;
function basename(path) {
  const i = path.lastIndexOf("/");
  return i < 0 ? path : path.slice(i + 1);
}
function isAllocatorFrame(f) {
  if (f.obj !== void 0 && basename(f.obj).startsWith("vgpreload_")) return true;
  const fn = f.fn;
  if (fn === void 0) return false;
  return ALLOCATORS.has(fn) || /^operator (?:new|delete)(?:\[\])?(?:\(|$)/.test(fn);
}
function normaliseFrame(f) {
  const raw = f.fn ?? "???";
  const fn = raw.includes(".") ? raw.replace(CLONE_SUFFIX, "") : raw;
  if (f.file !== void 0) return `${fn}@${basename(f.file)}`;
  if (f.obj !== void 0) return `${fn}@${basename(f.obj)}`;
  return fn;
}
function identityFrames(stack, n = FINGERPRINT_FRAMES) {
  let start = 0;
  while (start < stack.length - 1 && isAllocatorFrame(stack[start])) start++;
  return stack.slice(start, start + n).map(normaliseFrame);
}
function identityKey(kind, stack) {
  return `${kind}
${identityFrames(stack).join("\n")}`;
}
function fingerprintOfKey(key) {
  const nl = key.indexOf("\n");
  const kind = nl < 0 ? key : key.slice(0, nl);
  return `${kind}:${createHash("sha1").update(key).digest("hex").slice(0, 12)}`;
}

// src/model/report.ts
var SCHEMA_VERSION = 1;
var LEAK_KINDS = ["definitelyLost", "indirectlyLost", "possiblyLost", "stillReachable"];
function zeroAmount() {
  return { bytes: 0, blocks: 0 };
}
function zeroTotals() {
  return {
    definitelyLost: zeroAmount(),
    indirectlyLost: zeroAmount(),
    possiblyLost: zeroAmount(),
    stillReachable: zeroAmount(),
    suppressed: zeroAmount(),
    errors: 0
  };
}
function addTotals(a, b) {
  const add = (x, y) => ({ bytes: x.bytes + y.bytes, blocks: x.blocks + y.blocks });
  return {
    definitelyLost: add(a.definitelyLost, b.definitelyLost),
    indirectlyLost: add(a.indirectlyLost, b.indirectlyLost),
    possiblyLost: add(a.possiblyLost, b.possiblyLost),
    stillReachable: add(a.stillReachable, b.stillReachable),
    suppressed: add(a.suppressed, b.suppressed),
    errors: a.errors + b.errors
  };
}

export {
  SCHEMA_VERSION,
  LEAK_KINDS,
  zeroTotals,
  addTotals,
  isAllocatorFrame,
  identityKey,
  fingerprintOfKey
};
