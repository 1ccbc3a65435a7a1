/**
 * A local S3-compatible store (s3rver) for photos, with the upload bucket and a CORS rule so the H5
 * client can post uploads from the browser. Persisted under a directory. s3rver does not check
 * signatures or POST-policy conditions: the checks that matter (owner, real size and type) are
 * our own code's (domain/uploads), tested there.
 */
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';

export interface S3Local {
  endpoint: string;
  bucket: string;
  close(): Promise<void>;
}

const CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>http://127.0.0.1:*</AllowedOrigin>
    <AllowedOrigin>http://localhost:*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

export async function startS3Local(opts: { directory: string; port?: number; bucket?: string }): Promise<S3Local> {
  const bucket = opts.bucket ?? 'linli-local-uploads';
  mkdirSync(opts.directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory: opts.directory,
    silent: true,
    configureBuckets: [{ name: bucket, configs: [CORS] }],
  });
  const inner = (await server.run()) as AddressInfo;
  const front = await corsFront(inner.port, opts.port ?? 0);
  return {
    endpoint: `http://127.0.0.1:${(front.address() as AddressInfo).port}`,
    bucket,
    close: async () => {
      front.closeAllConnections();
      await new Promise((r) => front.close(() => r(undefined)));
      await server.close();
    },
  };
}

/**
 * s3rver answers CORS preflights with `*`, which browsers refuse for credentialed requests (the H5
 * upload is one). This front answers preflights itself, echoing the origin, and forwards the rest.
 */
function corsFront(innerPort: number, port: number): Promise<http.Server> {
  const front = http.createServer((req, res) => {
    const origin = req.headers.origin;
    const cors: Record<string, string> = origin
      ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' }
      : {};
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        ...cors,
        'access-control-allow-methods': 'GET, POST, PUT, HEAD',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
        'access-control-max-age': '3000',
      });
      res.end();
      return;
    }
    const upstream = http.request(
      { host: '127.0.0.1', port: innerPort, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        const headers = { ...up.headers };
        delete headers['access-control-allow-origin'];
        res.writeHead(up.statusCode ?? 502, { ...headers, ...cors });
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve) => front.listen(port, '127.0.0.1', () => resolve(front)));
}
