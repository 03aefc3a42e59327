#!/usr/bin/env node
import { createRequire as __flbCreateRequire } from 'node:module';
const require = __flbCreateRequire(import.meta.url);

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
  addTotals
};
