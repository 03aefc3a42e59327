/**
 * A fake of the Actions artifact service for the real @actions/artifact client: the
 * results service's twirp JSON calls (CreateArtifact, FinalizeArtifact on
 * /twirp/github.actions.results.api.v1.ArtifactService/...) and an Azure-style blob
 * store for the signed upload URL (Put Block + Put Block List, or Put Blob). Records
 * requests; can answer a fault on either side or hang.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { close, listen, readBody, sendJson, type RecordedRequest } from './http.ts';

export type ArtifactFault = 'ok' | 'forbidden-403' | 'not-found-404' | 'conflict-409' | 'server-500' | 'rate-limit-429' | 'hang' | 'blob-403' | 'blob-hang';

const SERVICE = '/twirp/github.actions.results.api.v1.ArtifactService/';
/** The signature the fake signs upload URLs with: it must never appear in a message. */
export const BLOB_SIG = 'fakeSignature0123456789SECRET';

export class FakeArtifactService {
  url = '';
  readonly requests: RecordedRequest[] = [];
  /** Committed blobs by path. */
  readonly blobs = new Map<string, Buffer>();
  readonly created: Record<string, unknown>[] = [];
  readonly finalized: Record<string, unknown>[] = [];
  fault: ArtifactFault = 'ok';
  /** How many requests fail before the service recovers (Infinity: all). */
  faultCount = Infinity;
  private readonly blocks = new Map<string, Buffer>();
  private nextId = 9000;
  private readonly server = createServer((req, res) => void this.handle(req, res));

  async start(): Promise<this> {
    this.url = await listen(this.server);
    return this;
  }

  close(): Promise<void> {
    return close(this.server);
  }

  /** A runtime token the client accepts: a JWT whose `scp` carries Actions.Results:RUN:JOB (it only decodes it). */
  static runtimeToken(runId = 'ce7f54c7-61c7-4aae-887f-30da475f5f1a', jobId = 'ca395085-040a-526b-2ce8-bdc85f692774'): string {
    const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ scp: `Actions.GenericRead:x Actions.Results:${runId}:${jobId}` })}.sig`;
  }

  private take(kind: 'twirp' | 'blob'): ArtifactFault {
    const blobFault = this.fault === 'blob-403' || this.fault === 'blob-hang';
    if (this.fault === 'ok' || (kind === 'blob') !== blobFault || this.faultCount <= 0) return 'ok';
    this.faultCount--;
    return this.fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', this.url);
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: url.pathname + url.search, headers: req.headers, body: url.pathname.startsWith('/blob') ? `<${raw.length} bytes>` : raw.toString('utf8') });
    if (url.pathname.startsWith(SERVICE)) return this.twirp(res, url.pathname.slice(SERVICE.length), raw);
    if (url.pathname.startsWith('/blob/')) return this.blob(res, method, url, raw);
    sendJson(res, 404, { msg: 'fake: no route' });
  }

  private twirp(res: ServerResponse, method: string, raw: Buffer): void {
    switch (this.take('twirp')) {
      case 'hang':
        return;
      case 'forbidden-403':
        return sendJson(res, 403, { code: 'permission_denied', msg: 'the token is not allowed to create artifacts' });
      case 'not-found-404':
        return sendJson(res, 404, { code: 'not_found', msg: 'workflow run not found' });
      case 'conflict-409':
        return sendJson(res, 409, { code: 'already_exists', msg: 'an artifact with this name already exists on the workflow run' });
      case 'server-500':
        return sendJson(res, 500, { code: 'internal', msg: 'internal error' });
      case 'rate-limit-429':
        return sendJson(res, 429, { code: 'resource_exhausted', msg: 'rate limited' });
      default:
        break;
    }
    const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    if (method === 'CreateArtifact') {
      this.created.push(body);
      const name = String(body['name']);
      return sendJson(res, 200, { ok: true, signed_upload_url: `${this.url}/blob/devstoreaccount1/artifacts/${encodeURIComponent(name)}.zip?sv=2024-01-01&se=2030-01-01&sig=${BLOB_SIG}` });
    }
    if (method === 'FinalizeArtifact') {
      this.finalized.push(body);
      return sendJson(res, 200, { ok: true, artifact_id: String(this.nextId++) });
    }
    sendJson(res, 404, { code: 'bad_route', msg: `no method ${method}` });
  }

  private blob(res: ServerResponse, method: string, url: URL, raw: Buffer): void {
    const fault = this.take('blob');
    if (fault === 'blob-hang') return;
    const headers = { 'x-ms-request-id': 'fake', 'x-ms-version': '2024-01-01', date: new Date(0).toUTCString(), etag: '"0x1"', 'last-modified': new Date(0).toUTCString() };
    if (fault === 'blob-403') {
      res.writeHead(403, { ...headers, 'content-type': 'application/xml', 'x-ms-error-code': 'AuthenticationFailed' });
      return void res.end('<?xml version="1.0" encoding="utf-8"?><Error><Code>AuthenticationFailed</Code><Message>Signature did not match</Message></Error>');
    }
    if (method !== 'PUT') {
      res.writeHead(405, headers);
      return void res.end();
    }
    const comp = url.searchParams.get('comp');
    const path = url.pathname;
    if (comp === 'block') {
      this.blocks.set(`${path}#${url.searchParams.get('blockid')}`, raw);
    } else if (comp === 'blocklist') {
      const ids = [...raw.toString('utf8').matchAll(/<(?:Latest|Uncommitted|Committed)>([^<]*)<\//g)].map((m) => m[1]!);
      this.blobs.set(path, Buffer.concat(ids.map((id) => this.blocks.get(`${path}#${id}`) ?? Buffer.alloc(0))));
    } else {
      this.blobs.set(path, raw);
    }
    res.writeHead(201, { ...headers, 'x-ms-request-server-encrypted': 'true', 'content-length': '0' });
    res.end();
  }
}
