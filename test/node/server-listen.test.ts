import { describe, it, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { createAccountWithKey, createApp } from '../../api/app.js';
import { Store } from '../../api/store.js';
import { listen } from '../../server/listen.js';
import { betterSqliteDriver } from '../../server/sqlite-driver.js';

/**
 * Requests Node's HTTP parser refuses before the app sees them still get the API's JSON error
 * (`type`, `code`, `message`), not a bare status line.
 */

/** Sends raw bytes and reads the whole answer (the server closes the connection). */
function raw(port: number, bytes: Buffer | string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head, body });
    });
    socket.end(bytes);
  });
}

describe('the HTTP server', () => {
  let server: ReturnType<typeof listen>;
  let port = 0;
  before(async () => {
    await new Promise<void>((resolve) => {
      server = listen({ fetch: (req) => Response.json({ path: new URL(req.url).pathname }), port: 0, hostname: '127.0.0.1' }, (info) => {
        port = info.port;
        resolve();
      });
    });
  });
  after(() => server.close());

  it('passes a well-formed request to the app', async () => {
    const res = await raw(port, 'GET /v1/studies?q=%C3%A9 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body), { path: '/v1/studies' });
  });

  it('answers a raw non-ASCII byte in the URL with a JSON 400 that says to percent-encode', async () => {
    const res = await raw(port, Buffer.concat([Buffer.from('GET /v1/studies?q='), Buffer.from('é', 'utf8'), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]));
    assert.equal(res.status, 400);
    assert.match(res.headers, /content-type: application\/json/i);
    const { error } = JSON.parse(res.body);
    assert.equal(error.type, 'invalid_request_error');
    assert.equal(error.code, 'malformed_request');
    assert.match(error.message, /percent-encode/);
  });

  it('answers headers over the limit with a JSON 431', async () => {
    const res = await raw(port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    assert.equal(res.status, 431);
    const { error } = JSON.parse(res.body);
    assert.deepEqual([error.type, error.code], ['invalid_request_error', 'headers_too_large']);
  });

  it('answers a request line that is not HTTP, or a bad header, with a JSON 400 that says what is wrong', async () => {
    const notHttp = await raw(port, 'HELLO\r\n\r\n');
    assert.equal(notHttp.status, 400);
    assert.equal(JSON.parse(notHttp.body).error.code, 'malformed_request');
    assert.match(JSON.parse(notHttp.body).error.message, /could not be parsed: Invalid method/);
    const both = await raw(port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n');
    assert.equal(both.status, 400);
    assert.match(JSON.parse(both.body).error.message, /Transfer-Encoding can't be present with Content-Length/);
    assert.doesNotMatch(JSON.parse(both.body).error.message, /ASCII/);
  });
});

describe('the API over HTTP', () => {
  it('closes the connection after a 413, and says so, so a client does not send its next request into it', async () => {
    const store = new Store(betterSqliteDriver(':memory:'));
    const { secretKey } = await createAccountWithKey(store, 'Large');
    const server = await new Promise<ReturnType<typeof listen>>((resolve) => {
      const s = listen({ fetch: createApp({ store }).fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const { port } = server.address() as { port: number };
      const big = JSON.stringify({ expressCustomerName: 'x'.repeat(1024 * 1024) });
      for (const framing of [`Content-Length: ${big.length}`, 'Transfer-Encoding: chunked']) {
        const body = framing.startsWith('Content') ? big : `${big.length.toString(16)}\r\n${big}\r\n0\r\n\r\n`;
        const res = await raw(port, `POST /v1/express/customers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${secretKey}\r\nContent-Type: application/json\r\n${framing}\r\n\r\n${body}`);
        assert.equal(res.status, 413, framing);
        assert.match(res.headers, /^connection: close$/im, framing);
        assert.equal(JSON.parse(res.body).error.code, 'body_too_large');
      }
    } finally {
      server.close();
      store.db.close();
    }
  });

  it('logs nothing when a client goes away in the middle of its body, and keeps serving', async (t) => {
    const store = new Store(betterSqliteDriver(':memory:'));
    const { secretKey } = await createAccountWithKey(store, 'Aborted');
    const logged = t.mock.method(console, 'error', () => {});
    const server = await new Promise<ReturnType<typeof listen>>((resolve) => {
      const s = listen({ fetch: createApp({ store }).fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const { port } = server.address() as { port: number };
      for (const key of ['', 'Idempotency-Key: cut-1\r\n']) {
        await new Promise<void>((resolve) => {
          const socket = connect(port, '127.0.0.1', () => {
            socket.write(
              `POST /v1/express/customers HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${secretKey}\r\nContent-Type: application/json\r\n${key}Content-Length: 100\r\n\r\n{"`,
            );
            setTimeout(() => socket.destroy(), 100);
          });
          socket.on('close', () => setTimeout(resolve, 100));
        });
      }
      const res = await fetch(`http://127.0.0.1:${port}/v1/express/customers`, { headers: { authorization: `Bearer ${secretKey}` } });
      assert.equal(res.status, 403); // Express is not enabled: an answer, so the server still serves
      assert.equal(logged.mock.callCount(), 0, String(logged.mock.calls[0]?.arguments[0]));
      assert.equal(store.db.get<{ n: number }>('SELECT count(*) AS n FROM customers')!.n, 0);
    } finally {
      server.close();
      store.db.close();
    }
  });
});
