// The action's BuildIO with the real @actions/exec and @actions/core, in a child process so
// that its workflow commands land on a stdout the test reads.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';

const module = pathToFileURL(path.resolve('src/build/actions-io.ts')).href;
const script = `
import { actionsBuildIO } from ${JSON.stringify(module)};
const io = actionsBuildIO();
const lines = [];
const code = await io.group('Build Fluent Bit', () =>
  io.exec('sh', ['-c', 'echo "to stdout"; echo "to stderr" >&2; echo "$FLB_X"; exit 3'], { cwd: '/', env: { ...process.env, FLB_X: 'from env' }, onLine: (l) => lines.push(l) }));
console.log('code=' + code + ' lines=' + JSON.stringify(lines.sort()));
io.annotate({ level: 'error', file: 'src/x.c', line: 3, col: 5, message: "'x' undeclared" });
io.warning('a warning');
const missing = await io.exec('no-such-command-flb', [], { cwd: '/' }).then(() => 'resolved', () => 'rejected');
console.log('missing=' + missing);
`;

describe('actionsBuildIO', () => {
  it('runs through @actions/exec quietly, groups, and annotates with workflow commands', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: 'true' } });
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout;
    assert.match(out, /^::group::Build Fluent Bit$/m);
    assert.match(out, /^::endgroup::$/m);
    assert.match(out, /^code=3 lines=\["from env","to stderr","to stdout"\]$/m);
    assert.doesNotMatch(out, /\[command\]/, 'silent: the command line is not echoed by @actions/exec');
    assert.match(out, /^::error title=Build,file=src\/x\.c,line=3,col=5::'x' undeclared$/m);
    assert.match(out, /^::warning::a warning$/m);
    assert.match(out, /^missing=rejected$/m);
  });
});
