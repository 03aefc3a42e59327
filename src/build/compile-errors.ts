/** Compiler and CMake diagnostics read from a build log (pure). */

export interface CompileDiagnostic {
  severity: 'error' | 'warning';
  /** As printed: absolute, or relative to the compiler's working directory. */
  file: string;
  line: number;
  col?: number;
  message: string;
}

// gcc/clang: "path/x.c:12:5: error: msg", "x.c:12: fatal error: msg". Windows drive letters are not expected here.
const GCC = /^(?<file>[^\s:][^:]*):(?<line>\d+):(?:(?<col>\d+):)?\s+(?<sev>fatal error|error|warning):\s+(?<msg>.*)$/;
// "CMake Error at CMakeLists.txt:12 (message):" followed by indented message lines.
const CMAKE = /^CMake (?<sev>Error|Warning)(?: \(dev\))? at (?<file>[^:]+):(?<line>\d+)(?: \([^)]*\))?:\s*$/;

/**
 * Finds `file:line[:col]: error: message` lines (gcc, clang) and `CMake Error at file:line`
 * blocks in a build log, in order, each distinct one once (parallel builds repeat them).
 */
export function parseCompileDiagnostics(lines: string[], opts: { warnings?: boolean } = {}): CompileDiagnostic[] {
  const out: CompileDiagnostic[] = [];
  const seen = new Set<string>();
  const push = (d: CompileDiagnostic): void => {
    if (d.severity === 'warning' && !opts.warnings) return;
    const key = `${d.severity}\0${d.file}\0${d.line}\0${d.col ?? ''}\0${d.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(d);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\x1b\[[0-9;]*[A-Za-z]/g, ''); // colour codes from -fdiagnostics-color
    const g = GCC.exec(line)?.groups;
    if (g) {
      push({
        severity: g.sev === 'warning' ? 'warning' : 'error',
        file: g.file as string,
        line: Number(g.line),
        ...(g.col ? { col: Number(g.col) } : {}),
        message: (g.msg as string).trim(),
      });
      continue;
    }
    const c = CMAKE.exec(line)?.groups;
    if (c) {
      const body: string[] = [];
      // The message is the following indented lines, up to the next unindented one.
      for (let j = i + 1; j < lines.length; j++) {
        const next = lines[j] as string;
        if (next.trim() === '') {
          if (body.length > 0) break;
          continue;
        }
        if (!/^\s/.test(next)) break;
        body.push(next.trim());
      }
      push({ severity: c.sev === 'Error' ? 'error' : 'warning', file: c.file as string, line: Number(c.line), message: body.join(' ') || `CMake ${c.sev}` });
    }
  }
  return out;
}
